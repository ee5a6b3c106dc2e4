package io.selfobs.autoconfigure.metrics.internal.http;

import java.io.IOException;
import java.net.URI;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * Client requests of {@code RestClient} and {@code RestTemplate} as
 * {@code http.client.request.duration} with the stable HTTP semantic conventions'
 * low-cardinality attributes: {@code http.request.method}, {@code server.address},
 * {@code http.response.status_code} (when a response arrived) and {@code error.type} (the
 * exception's simple class name, or the status code of a 4xx/5xx). The contextual name
 * and the high-cardinality values stay Spring's, which the span handlers rely on.
 * Internal, not API.
 */
public final class SemconvClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	public SemconvClientRequestObservationConvention() {
		super(HttpSemconv.CLIENT_NAME);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
		String method = HttpSemconv.method(null);
		String host = "";
		if (context.getCarrier() != null) {
			method = HttpSemconv.method(context.getCarrier().getMethod().name());
			URI uri = context.getCarrier().getURI();
			host = (uri.getHost() != null) ? uri.getHost() : "";
		}
		return clientKeyValues(method, host, status(context.getResponse()), context.getError());
	}

	static KeyValues clientKeyValues(String method, String host, int status, @Nullable Throwable error) {
		KeyValues keyValues = KeyValues.of(KeyValue.of(HttpSemconv.METHOD, method),
				KeyValue.of(HttpSemconv.SERVER_ADDRESS, host));
		if (status > 0) {
			keyValues = keyValues.and(KeyValue.of(HttpSemconv.STATUS, Integer.toString(status)));
		}
		String errorType = HttpSemconv.clientErrorType(error, status);
		return (errorType != null) ? keyValues.and(KeyValue.of(HttpSemconv.ERROR_TYPE, errorType)) : keyValues;
	}

	private static int status(@Nullable ClientHttpResponse response) {
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
