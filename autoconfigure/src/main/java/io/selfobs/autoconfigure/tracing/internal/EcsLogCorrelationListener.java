package io.selfobs.autoconfigure.tracing.internal;

import io.micrometer.tracing.otel.bridge.EventListener;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;

/**
 * Puts the current trace and span ids into the SLF4J MDC under the ECS names
 * {@code trace.id} and {@code span.id}, next to the {@code traceId}/{@code spanId} keys
 * Spring Boot's own listener maintains. Internal, not API.
 */
public final class EcsLogCorrelationListener implements EventListener {

	/**
	 * MDC key of the trace id.
	 */
	public static final String TRACE_ID = "trace.id";

	/**
	 * MDC key of the span id.
	 */
	public static final String SPAN_ID = "span.id";

	private final Slf4JEventListener delegate = new Slf4JEventListener(TRACE_ID, SPAN_ID);

	@Override
	public void onEvent(Object event) {
		this.delegate.onEvent(event);
	}

}
