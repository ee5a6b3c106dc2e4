package io.selfobs.sample.pki.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The default sink: one ECS event log line per event.
 */
@Component
class LogEventSink implements EventSink {

	private static final Logger log = LoggerFactory.getLogger("io.selfobs.sample.pki.events");

	@Override
	public String name() {
		return "log";
	}

	@Override
	public void deliver(OutboxEvent event) {
		log.atInfo()
			.addKeyValue("event.kind", "event")
			.addKeyValue("event.dataset", "pki.events")
			.addKeyValue("event.id", event.eventId())
			.addKeyValue("event.action", event.type())
			.addKeyValue("pki.aggregate_id", event.aggregateId())
			.addKeyValue("pki.payload", event.payload())
			.log("Event {}", event.type());
	}

}
