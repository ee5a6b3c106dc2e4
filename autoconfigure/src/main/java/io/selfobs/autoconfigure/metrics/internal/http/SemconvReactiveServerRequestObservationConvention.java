package io.selfobs.autoconfigure.metrics.internal.http;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.util.StringUtils;

/**
 * WebFlux server requests as {@code http.server.request.duration} with the same
 * attributes as {@link SemconvServerRequestObservationConvention} gives servlet requests.
 * The contextual name and the high-cardinality values stay Spring's. Internal, not API.
 */
public final class SemconvReactiveServerRequestObservationConvention extends DefaultServerRequestObservationConvention {

	public SemconvReactiveServerRequestObservationConvention() {
		super(HttpSemconv.SERVER_NAME);
	}

	@Override
	@SuppressWarnings("NullAway") // the carrier is set when the observation starts
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		HttpStatusCode status = (context.getResponse() != null) ? context.getResponse().getStatusCode() : null;
		int code = (status != null) ? status.value() : 0;
		KeyValues keyValues = KeyValues
			.of(KeyValue.of(HttpSemconv.METHOD, HttpSemconv.method(request.getMethod().name())), KeyValue
				.of(HttpSemconv.SCHEME, (request.getURI().getScheme() != null) ? request.getURI().getScheme() : ""));
		if (code > 0) {
			keyValues = keyValues.and(KeyValue.of(HttpSemconv.STATUS, Integer.toString(code)));
		}
		String route = context.getPathPattern();
		if (StringUtils.hasText(route)) {
			keyValues = keyValues.and(KeyValue.of(HttpSemconv.ROUTE, route));
		}
		String errorType = HttpSemconv.serverErrorType(context.getError(), code);
		return (errorType != null) ? keyValues.and(KeyValue.of(HttpSemconv.ERROR_TYPE, errorType)) : keyValues;
	}

}
