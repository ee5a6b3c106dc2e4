package io.selfobs.autoconfigure.metrics.internal.http;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.selfobs.autoconfigure.metrics.internal.OpenTelemetryNamingMeterFilter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.StringUtils;

/**
 * Servlet server requests as {@code http.server.request.duration} with exactly the
 * low-cardinality attributes of the stable HTTP semantic conventions:
 * {@code http.request.method}, {@code http.response.status_code}, {@code url.scheme},
 * {@code http.route} (only when a route template matched) and {@code error.type} (only on
 * a 5xx: the exception's simple class name, or else the status code). Built on Spring
 * Framework's {@link OpenTelemetryServerRequestObservationConvention} (name, status,
 * contextual name, high-cardinality values); what that adds beyond the conventions
 * ({@code outcome}, {@code error.type=none}, made-up routes such as {@code NOT_FOUND}) is
 * left out. {@link OpenTelemetryNamingMeterFilter} gives the optional attributes an empty
 * value on the meter, as a Prometheus family needs one set of label names. Internal, not
 * API.
 */
public final class SemconvServerRequestObservationConvention extends OpenTelemetryServerRequestObservationConvention {

	@Override
	@SuppressWarnings("NullAway") // the carrier is set when the observation starts
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		KeyValues keyValues = KeyValues.of(KeyValue.of(HttpSemconv.METHOD, HttpSemconv.method(request.getMethod())),
				status(context), KeyValue.of(HttpSemconv.SCHEME, request.getScheme()));
		String route = context.getPathPattern();
		if (StringUtils.hasText(route)) {
			keyValues = keyValues.and(KeyValue.of(HttpSemconv.ROUTE, route));
		}
		String errorType = HttpSemconv.serverErrorType(context.getError(),
				(context.getResponse() != null) ? context.getResponse().getStatus() : 0);
		return (errorType != null) ? keyValues.and(KeyValue.of(HttpSemconv.ERROR_TYPE, errorType)) : keyValues;
	}

}
