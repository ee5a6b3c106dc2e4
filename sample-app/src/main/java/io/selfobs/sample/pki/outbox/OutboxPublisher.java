package io.selfobs.sample.pki.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes domain events to the outbox, one row per sink, in the caller's transaction: an
 * event exists if and only if the state change it describes was committed.
 */
@Component
public class OutboxPublisher {

	private final OutboxRepository repository;

	private final List<String> sinks;

	private final JsonMapper json;

	OutboxPublisher(OutboxRepository repository, List<EventSink> sinks, JsonMapper json) {
		this.repository = repository;
		this.sinks = sinks.stream().map(EventSink::name).toList();
		this.json = json;
	}

	/**
	 * Publish an event.
	 * @param type the event type, for example {@code certificate.issued}
	 * @param aggregateId the id of the thing the event is about
	 * @param payload the event data
	 * @return the event id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String publish(String type, String aggregateId, Map<String, Object> payload) {
		String eventId = UUID.randomUUID().toString();
		String body = this.json.writeValueAsString(payload);
		Instant now = Instant.now();
		for (String sink : this.sinks) {
			this.repository.insert(eventId, sink, type, aggregateId, body, now);
		}
		return eventId;
	}

}
