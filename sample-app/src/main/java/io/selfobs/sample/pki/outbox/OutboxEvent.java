package io.selfobs.sample.pki.outbox;

import java.time.Instant;

/**
 * One pending delivery of an event to one sink.
 *
 * @param id the row id
 * @param eventId the event id, the same for every sink (receivers deduplicate on it)
 * @param sink the sink name
 * @param type the event type
 * @param aggregateId the id of the thing the event is about
 * @param payload the JSON payload
 * @param attempts delivery attempts so far
 * @param createdAt when the event was committed
 */
public record OutboxEvent(long id, String eventId, String sink, String type, String aggregateId, String payload,
		int attempts, Instant createdAt) {
}
