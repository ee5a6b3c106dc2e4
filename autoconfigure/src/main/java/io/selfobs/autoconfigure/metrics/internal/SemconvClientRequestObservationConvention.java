package io.selfobs.autoconfigure.metrics.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.util.StringUtils;

/**
 * Client requests of {@code RestClient} and {@code RestTemplate} as {@code http.client.request.duration} with the
 * stable HTTP semantic conventions' low-cardinality attributes: {@code http.request.method},
 * {@code server.address}, {@code http.response.status_code} (when a response arrived) and {@code error.type} (the
 * exception's simple class name, or the status code of a 4xx/5xx). The contextual name and the high-cardinality
 * values stay Spring's, which the span handlers rely on. Internal, not API.
 */
public final class SemconvClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	static final String NAME = "http.client.request.duration";

	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "QUERY");

	public SemconvClientRequestObservationConvention() {
		super(NAME);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
		String method = "_OTHER";
		String host = "";
		if (context.getCarrier() != null) {
			String requested = context.getCarrier().getMethod().name().toUpperCase(Locale.ROOT);
			method = KNOWN_METHODS.contains(requested) ? requested : "_OTHER";
			URI uri = context.getCarrier().getURI();
			host = (uri.getHost() != null) ? uri.getHost() : "";
		}
		KeyValues keyValues = KeyValues.of(KeyValue.of("http.request.method", method),
				KeyValue.of("server.address", host));
		int status = status(context.getResponse());
		if (status > 0) {
			keyValues = keyValues.and(KeyValue.of("http.response.status_code", Integer.toString(status)));
		}
		String errorType = errorType(context.getError(), status);
		return (errorType != null) ? keyValues.and(KeyValue.of(SemconvServerRequestObservationConvention.ERROR_TYPE,
				errorType)) : keyValues;
	}

	private static String errorType(Throwable error, int status) {
		if (error != null) {
			String name = error.getClass().getSimpleName();
			return StringUtils.hasText(name) ? name : "_OTHER";
		}
		return (status >= 400) ? Integer.toString(status) : null;
	}

	private static int status(ClientHttpResponse response) {
		if (response == null) {
			return 0;
		}
		try {
			return response.getStatusCode().value();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
