package io.selfobs.sample.pki.security;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;

/**
 * Security-relevant events: one ECS event log line (with {@code event.category}) and one counter increment each.
 */
@Component
public class SecurityEvents {

	private static final Logger log = LoggerFactory.getLogger("io.selfobs.sample.pki.security.audit");

	private final MeterRegistry meters;

	SecurityEvents(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Record a security event.
	 * @param category ECS {@code event.category}: {@code authentication}, {@code iam} or {@code configuration}
	 * @param type ECS {@code event.type}, for example {@code creation}, {@code deletion}, {@code change}
	 * @param action what happened, for example {@code ca-created}
	 * @param outcome {@code success} or {@code failure}
	 * @param fields further ECS fields (never secrets)
	 * @param message the human-readable message
	 */
	public void record(String category, String type, String action, String outcome, Map<String, String> fields,
			String message) {
		Counter.builder("security.events")
			.description("Security events (authentication failures, CA and revocation changes, DMS configuration)")
			.tag("category", category)
			.tag("action", action)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
		LoggingEventBuilder event = ("failure".equals(outcome) ? log.atWarn() : log.atInfo())
			.addKeyValue("event.kind", "event")
			.addKeyValue("event.category", category)
			.addKeyValue("event.type", type)
			.addKeyValue("event.action", action)
			.addKeyValue("event.outcome", outcome);
		fields.forEach(event::addKeyValue);
		event.log(message);
	}

}
