package io.selfobs.autoconfigure.tracing.internal;

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
	 * Keys of Spring's default server convention that the semantic-convention tags
	 * replace.
	 */
	private static final Set<String> REPLACED = Set.of("method", "uri", "status", "outcome", "exception", "http.url",
			"http.response.status_code");

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
		HttpSpanTags.tagOthers(context, span, REPLACED);
		HttpServletRequest request = server.getCarrier();
		String method = HttpSpanTags.tagMethod(span, request.getMethod());
		String route = server.getPathPattern();
		if (StringUtils.hasText(route)) {
			span.tag("http.route", route);
		}
		span.tag("url.path", request.getRequestURI());
		span.tag("url.scheme", request.getScheme());
		span.tag("server.address", request.getServerName());
		span.tag("server.port", request.getServerPort());
		span.tag("client.address", request.getRemoteAddr());
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null) {
			span.tag("user_agent.original", userAgent);
		}
		HttpServletResponse response = server.getResponse();
		HttpSpanTags.tagOutcome(span, server.getError(), (response != null) ? response.getStatus() : 0, 500);
		span.name(StringUtils.hasText(route) ? method + " " + route : method);
		endSpan(context, span);
	}

}
