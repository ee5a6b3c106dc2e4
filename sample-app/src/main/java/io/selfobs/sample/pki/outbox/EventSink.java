package io.selfobs.sample.pki.outbox;

/**
 * Where outbox events are delivered. Each sink receives every event; a failing delivery
 * is retried.
 */
public interface EventSink {

	/**
	 * Stable name of the sink, stored with each pending delivery.
	 * @return the name
	 */
	String name();

	/**
	 * Deliver one event, throwing when it was not accepted.
	 * @param event the event
	 * @throws Exception when delivery failed
	 */
	void deliver(OutboxEvent event) throws Exception;

}
