package io.selfobs.autoconfigure.logging.internal.request;

/**
 * A selfobs appender that takes a {@link RequestEvent} as it is, without a logback event.
 * Internal, not API.
 */
public interface RequestEventSink {

	/**
	 * Whether this appender would take an INFO event of the access logger (its filters
	 * allow it).
	 * @return whether request events are appended
	 */
	boolean acceptsRequestEvents();

	/**
	 * Append the event.
	 * @param event the request event
	 */
	void appendRequestEvent(RequestEvent event);

}
