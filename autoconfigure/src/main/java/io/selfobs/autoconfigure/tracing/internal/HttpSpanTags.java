package io.selfobs.autoconfigure.tracing.internal;

import java.util.Locale;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP server and client span handlers share: OpenTelemetry HTTP
 * semantic-convention names for what Spring's default observation conventions call
 * differently. The handlers set their attributes on the OpenTelemetry span with these
 * keys, made once: Micrometer's {@code Span.tag(String, ...)} makes a new key per call.
 */
final class HttpSpanTags {

	static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

	static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");

	static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");

	static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

	static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");

	static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");

	static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

	static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");

	static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");

	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "QUERY");

	private HttpSpanTags() {
	}

	/**
	 * Tag the key values the semantic-convention tags do not replace, e.g. ones a user's
	 * convention adds.
	 * @param context the observation
	 * @param span its span
	 * @param replaced keys the handler sets itself on this span
	 */
	static void tagOthers(Observation.Context context, Span span, Set<String> replaced) {
		// Low then high cardinality (a high one wins on the same key), without merging
		// them into one more copy
		tagOthers(context.getLowCardinalityKeyValues(), span, replaced);
		tagOthers(context.getHighCardinalityKeyValues(), span, replaced);
	}

	private static void tagOthers(KeyValues keyValues, Span span, Set<String> replaced) {
		for (KeyValue keyValue : keyValues) {
			if (!replaced.contains(keyValue.getKey())) {
				span.tag(keyValue.getKey(), keyValue.getValue());
			}
		}
	}

	/**
	 * Tag {@code http.request.method} (and the original method when it is not a standard
	 * one).
	 * @return the method as it appears in the span name
	 */
	static String tagMethod(io.opentelemetry.api.trace.Span span, String method) {
		String upper = (method != null) ? method.toUpperCase(Locale.ROOT) : "_OTHER";
		if (KNOWN_METHODS.contains(upper)) {
			span.setAttribute(METHOD, upper);
			return upper;
		}
		span.setAttribute(METHOD, "_OTHER");
		if (method != null) {
			span.setAttribute(METHOD_ORIGINAL, method);
		}
		return "HTTP";
	}

	/**
	 * Whether {@link #tagOutcome} sets {@code error.type}.
	 */
	static boolean isError(@Nullable Throwable error, int status, int firstErrorStatus) {
		return error != null || status >= firstErrorStatus;
	}

	static void tagOutcome(io.opentelemetry.api.trace.Span span, @Nullable Throwable error, int status,
			int firstErrorStatus) {
		if (status > 0) {
			span.setAttribute(STATUS_CODE, status);
		}
		if (error != null) {
			span.setAttribute(ERROR_TYPE, error.getClass().getName());
		}
		else if (status >= firstErrorStatus) {
			span.setAttribute(ERROR_TYPE, String.valueOf(status));
			span.setStatus(StatusCode.ERROR);
		}
	}

	/**
	 * The OpenTelemetry span behind a Micrometer one.
	 */
	static io.opentelemetry.api.trace.Span otel(Span span) {
		return OtelSpan.toOtel(span);
	}

}
