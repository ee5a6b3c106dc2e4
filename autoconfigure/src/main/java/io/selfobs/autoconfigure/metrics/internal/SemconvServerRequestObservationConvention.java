package io.selfobs.autoconfigure.metrics.internal;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.StringUtils;

/**
 * Servlet server requests as {@code http.server.request.duration} with exactly the low-cardinality attributes of
 * the stable HTTP semantic conventions: {@code http.request.method}, {@code http.response.status_code},
 * {@code url.scheme}, {@code http.route} (only when a route template matched) and {@code error.type} (only on a
 * 5xx: the exception's simple class name, or else the status code). Spring Framework's
 * {@link OpenTelemetryServerRequestObservationConvention} supplies the method, status and scheme; what it adds
 * beyond the conventions ({@code outcome}, {@code error.type=none}, made-up routes such as {@code NOT_FOUND}) is left
 * out. {@link OpenTelemetryNamingMeterFilter} gives the optional attributes an empty value on the meter, as a
 * Prometheus family needs one set of label names. Internal, not API.
 */
public final class SemconvServerRequestObservationConvention extends OpenTelemetryServerRequestObservationConvention {

	static final String ROUTE = "http.route";

	static final String ERROR_TYPE = "error.type";

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		KeyValues keyValues = KeyValues.of(method(context), status(context), scheme(context));
		String route = context.getPathPattern();
		if (StringUtils.hasText(route)) {
			keyValues = keyValues.and(KeyValue.of(ROUTE, route));
		}
		String errorType = errorType(context.getError(), (context.getResponse() != null) ? context.getResponse().getStatus() : 0);
		return (errorType != null) ? keyValues.and(KeyValue.of(ERROR_TYPE, errorType)) : keyValues;
	}

	/**
	 * A server request failed when it answered 5xx (or never answered): a handled exception behind a 4xx is the
	 * client's mistake, not an error of the server.
	 */
	static String errorType(Throwable error, int status) {
		if (status > 0 && status < HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
			return null;
		}
		if (error != null) {
			String name = error.getClass().getSimpleName();
			return StringUtils.hasText(name) ? name : "_OTHER";
		}
		return (status > 0) ? Integer.toString(status) : null;
	}

}
