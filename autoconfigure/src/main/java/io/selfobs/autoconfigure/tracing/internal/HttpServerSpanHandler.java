package io.selfobs.autoconfigure.tracing.internal;

import java.util.HashSet;
import java.util.Set;

import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.StringUtils;

/**
 * Continues the caller's trace like Micrometer's receiver handler, and names and tags
 * servlet server spans by the OpenTelemetry HTTP semantic conventions: {@code GET
 * /items/{id}} (route template, never the raw path) with {@code http.request.method},
 * {@code http.route}, {@code http.response.status_code}, {@code url.path},
 * {@code url.scheme}, {@code client.address}, {@code server.address},
 * {@code server.port}, {@code user_agent.original}. Metrics are untouched: only the span
 * sees these names. Internal, not API.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
public final class HttpServerSpanHandler extends PropagatingReceiverTracingObservationHandler {

	/**
	 * Keys of Spring's default server convention, and of selfobs' semantic-convention
	 * one, that the handler sets itself on every span.
	 */
	private static final Set<String> REPLACED = Set.of("method", "uri", "status", "outcome", "exception", "http.url",
			"http.response.status_code", "http.request.method", "url.scheme");

	/** And {@code http.route}, when the request matched a route. */
	private static final Set<String> REPLACED_ROUTED = union(REPLACED, HttpSpanTags.ROUTE.getKey());

	/** And {@code error.type}, when the request failed. */
	private static final Set<String> REPLACED_FAILED = union(REPLACED, HttpSpanTags.ERROR_TYPE.getKey());

	private static final Set<String> REPLACED_ROUTED_FAILED = union(REPLACED_ROUTED, HttpSpanTags.ERROR_TYPE.getKey());

	public HttpServerSpanHandler(Tracer tracer, Propagator propagator) {
		super(tracer, propagator);
	}

	@Override
	@SuppressWarnings("NullAway") // the carrier is set when the observation starts
	public void onStop(ReceiverContext context) {
		if (!(context instanceof ServerRequestObservationContext server)) {
			super.onStop(context);
			return;
		}
		Span span = getRequiredSpan(context);
		io.opentelemetry.api.trace.Span otel = HttpSpanTags.otel(span);
		HttpServletRequest request = server.getCarrier();
		String route = server.getPathPattern();
		boolean routed = route != null && StringUtils.hasText(route);
		HttpServletResponse response = server.getResponse();
		int status = (response != null) ? response.getStatus() : 0;
		boolean error = HttpSpanTags.isError(server.getError(), status, 500);
		// The convention's http.route and error.type only where the handler sets none
		HttpSpanTags.tagOthers(context, span,
				routed ? (error ? REPLACED_ROUTED_FAILED : REPLACED_ROUTED) : (error ? REPLACED_FAILED : REPLACED));
		String method = HttpSpanTags.tagMethod(otel, request.getMethod());
		if (routed) {
			otel.setAttribute(HttpSpanTags.ROUTE, route);
		}
		otel.setAttribute(HttpSpanTags.URL_PATH, request.getRequestURI());
		otel.setAttribute(HttpSpanTags.URL_SCHEME, request.getScheme());
		otel.setAttribute(HttpSpanTags.SERVER_ADDRESS, request.getServerName());
		otel.setAttribute(HttpSpanTags.SERVER_PORT, request.getServerPort());
		otel.setAttribute(HttpSpanTags.CLIENT_ADDRESS, request.getRemoteAddr());
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null) {
			otel.setAttribute(HttpSpanTags.USER_AGENT, userAgent);
		}
		HttpSpanTags.tagOutcome(otel, server.getError(), status, 500);
		span.name(routed ? method + " " + route : method);
		endSpan(context, span);
	}

	private static Set<String> union(Set<String> keys, String key) {
		Set<String> union = new HashSet<>(keys);
		union.add(key);
		return Set.copyOf(union);
	}

}
