package io.selfobs.autoconfigure.jdbc.internal;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.selfobs.autoconfigure.jdbc.JdbcStatementContext;

import org.springframework.util.ClassUtils;

/**
 * One client span per JDBC statement, child of the current observation's span, named by
 * the convention ({@code query}) and tagged with its key values. Nothing is propagated: a
 * database takes no trace headers. Internal, not API.
 */
public final class JdbcStatementTracingHandler implements TracingObservationHandler<JdbcStatementContext> {

	private static final String SERVER_PORT_KEY = "server.port";

	// The handler also serves Micrometer Tracing's other bridges
	private static final boolean OPEN_TELEMETRY_BRIDGE = ClassUtils
		.isPresent("io.micrometer.tracing.otel.bridge.OtelSpan", JdbcStatementTracingHandler.class.getClassLoader());

	private final Tracer tracer;

	/**
	 * Create the handler.
	 * @param tracer the tracer
	 */
	public JdbcStatementTracingHandler(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof JdbcStatementContext;
	}

	@Override
	public void onStart(JdbcStatementContext context) {
		Span parent = getParentSpan(context);
		Span.Builder builder = this.tracer.spanBuilder().kind(Span.Kind.CLIENT);
		if (parent != null) {
			builder.setParent(parent.context());
		}
		getTracingContext(context).setSpan(builder.start());
	}

	@Override
	public void onStop(JdbcStatementContext context) {
		Span span = getRequiredSpan(context);
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			tag(span, keyValue);
		}
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			tag(span, keyValue);
		}
		span.name(getSpanName(context));
		endSpan(context, span);
	}

	/**
	 * Key values are text; the conventions make {@code server.port} an integer, so it is
	 * set as one on an OpenTelemetry span when its value is a number.
	 */
	private static void tag(Span span, KeyValue keyValue) {
		if (!(OPEN_TELEMETRY_BRIDGE && SERVER_PORT_KEY.equals(keyValue.getKey())
				&& OpenTelemetrySpans.setServerPort(span, keyValue.getValue()))) {
			span.tag(keyValue.getKey(), keyValue.getValue());
		}
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

	/**
	 * Touches the OpenTelemetry bridge only when it is on the class path.
	 */
	private static final class OpenTelemetrySpans {

		private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey(SERVER_PORT_KEY);

		static boolean setServerPort(Span span, String value) {
			if (!(span instanceof OtelSpan)) {
				return false;
			}
			try {
				OtelSpan.toOtel(span).setAttribute(SERVER_PORT, Long.parseLong(value));
				return true;
			}
			catch (NumberFormatException ex) {
				// a convention's own value: kept as it is
				return false;
			}
		}

	}

}
