package io.selfobs.autoconfigure.tracing.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.util.StringUtils;

/**
 * Propagates the trace to the callee like Micrometer's sender handler, and names and tags
 * the client spans of {@code RestClient} and {@code RestTemplate} by the OpenTelemetry
 * HTTP semantic conventions: {@code GET} or {@code GET /items/{id}} with
 * {@code http.request.method}, {@code url.full} (without query string or user info, which
 * may carry secrets), {@code url.template}, {@code server.address}, {@code server.port}
 * and {@code http.response.status_code}. Metrics are untouched. Internal, not API.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
public final class HttpClientSpanHandler extends PropagatingSenderTracingObservationHandler {

	/**
	 * Keys of Spring's default client convention that the semantic-convention tags
	 * replace.
	 */
	private static final Set<String> REPLACED = Set.of("method", "uri", "status", "client.name", "outcome", "exception",
			"http.url", "http.response.status_code");

	private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("^https?://[^/]+");

	public HttpClientSpanHandler(Tracer tracer, Propagator propagator) {
		super(tracer, propagator);
	}

	@Override
	public void onStop(SenderContext context) {
		if (!(context instanceof ClientRequestObservationContext client) || client.getCarrier() == null) {
			super.onStop(context);
			return;
		}
		Span span = getRequiredSpan(context);
		HttpSpanTags.tagOthers(context, span, REPLACED);
		io.opentelemetry.api.trace.Span otel = HttpSpanTags.otel(span);
		ClientHttpRequest request = client.getCarrier();
		String method = HttpSpanTags.tagMethod(otel, request.getMethod().name());
		URI uri = request.getURI();
		otel.setAttribute(HttpSpanTags.URL_FULL, withoutQueryOrUserInfo(uri));
		String template = (client.getUriTemplate() != null)
				? SCHEME_AND_AUTHORITY.matcher(client.getUriTemplate()).replaceFirst("") : null;
		if (StringUtils.hasText(template)) {
			otel.setAttribute(HttpSpanTags.URL_TEMPLATE, template);
		}
		if (uri.getHost() != null) {
			otel.setAttribute(HttpSpanTags.SERVER_ADDRESS, uri.getHost());
			otel.setAttribute(HttpSpanTags.SERVER_PORT, port(uri));
		}
		HttpSpanTags.tagOutcome(otel, client.getError(), status(client.getResponse()), 400);
		span.name(StringUtils.hasText(template) ? method + " " + template : method);
		endSpan(context, span);
	}

	private static String withoutQueryOrUserInfo(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static int status(@Nullable ClientHttpResponse response) {
		try {
			return (response != null) ? response.getStatusCode().value() : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
