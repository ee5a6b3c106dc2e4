package io.selfobs.sample.pki.security;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;

/**
 * Security-relevant events: one ECS event log line and one {@code security_events_total}
 * increment each. {@code event.category} and {@code event.type} are written as arrays, as
 * ECS defines them.
 */
@Component
public class SecurityEvents {

	private static final Logger log = LoggerFactory.getLogger("io.selfobs.sample.pki.security.audit");

	private static final String FAILURE = "failure";

	private final MeterRegistry meters;

	SecurityEvents(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Record a security event.
	 * @param category the ECS {@code event.category}: {@code authentication},
	 * {@code iam}, {@code configuration} or {@code network}
	 * @param type the ECS {@code event.type}, for example {@code creation},
	 * {@code deletion}, {@code change}, {@code start}, {@code denied}
	 * @param action what happened, for example {@code ca-created}
	 * @param outcome {@code success} or {@code failure}
	 * @param fields further ECS fields (never secrets)
	 * @param message the human-readable message
	 */
	public void record(String category, String type, String action, String outcome, Map<String, String> fields,
			String message) {
		LoggingEventBuilder event = describe(FAILURE.equals(outcome) ? log.atWarn() : log.atInfo(), category, type,
				action, outcome);
		fields.forEach(event::addKeyValue);
		event.log(message);
	}

	/**
	 * Count a refusal and make the caller's log line its security event, so that one
	 * refusal is one line.
	 * @param line the caller's log line, not yet logged
	 * @param category the ECS {@code event.category}
	 * @param type the ECS {@code event.type}
	 * @param action what was refused
	 * @return the line, with the ECS event fields added
	 */
	public LoggingEventBuilder refusal(LoggingEventBuilder line, String category, String type, String action) {
		return describe(line, category, type, action, FAILURE);
	}

	/**
	 * Count a refusal without a log line of its own, for refusals that can come in floods
	 * and are already visible in the request event of their request (or in one event
	 * logged when the flood began).
	 * @param category the ECS {@code event.category}
	 * @param action what was refused
	 */
	public void countRefusal(String category, String action) {
		count(category, action, FAILURE);
	}

	private LoggingEventBuilder describe(LoggingEventBuilder line, String category, String type, String action,
			String outcome) {
		count(category, action, outcome);
		return line.addKeyValue("event.kind", "event")
			.addKeyValue("event.category", List.of(category))
			.addKeyValue("event.type", List.of(type))
			.addKeyValue("event.action", action)
			.addKeyValue("event.outcome", outcome);
	}

	private void count(String category, String action, String outcome) {
		Counter.builder("security.events")
			.description("Security events (authentication failures and throttling, CA and revocation changes, DMS "
					+ "configuration, device moves, refused enrollments)")
			.tag("category", category)
			.tag("action", action)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
