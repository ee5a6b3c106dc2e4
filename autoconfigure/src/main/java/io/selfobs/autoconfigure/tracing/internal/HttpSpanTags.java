package io.selfobs.autoconfigure.tracing.internal;

import java.util.Locale;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP server and client span handlers share: OpenTelemetry HTTP
 * semantic-convention names for what Spring's default observation conventions call
 * differently.
 */
final class HttpSpanTags {

	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "QUERY");

	private HttpSpanTags() {
	}

	/**
	 * Tag the key values the semantic-convention tags do not replace, e.g. ones a user's
	 * convention adds.
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
	static String tagMethod(Span span, String method) {
		String upper = (method != null) ? method.toUpperCase(Locale.ROOT) : "_OTHER";
		if (KNOWN_METHODS.contains(upper)) {
			span.tag("http.request.method", upper);
			return upper;
		}
		span.tag("http.request.method", "_OTHER");
		if (method != null) {
			span.tag("http.request.method_original", method);
		}
		return "HTTP";
	}

	static void tagOutcome(Span span, @Nullable Throwable error, int status, int firstErrorStatus) {
		if (status > 0) {
			span.tag("http.response.status_code", status);
		}
		if (error != null) {
			span.tag("error.type", error.getClass().getName());
		}
		else if (status >= firstErrorStatus) {
			span.tag("error.type", String.valueOf(status));
			OtelSpan.toOtel(span).setStatus(StatusCode.ERROR);
		}
	}

}
