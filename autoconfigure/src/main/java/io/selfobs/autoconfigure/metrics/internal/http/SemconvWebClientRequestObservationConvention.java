package io.selfobs.autoconfigure.metrics.internal.http;

import io.micrometer.common.KeyValues;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * {@code WebClient} requests as {@code http.client.request.duration} with the same
 * attributes as {@link SemconvClientRequestObservationConvention} gives
 * {@code RestClient} requests. Internal, not API.
 */
public final class SemconvWebClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	public SemconvWebClientRequestObservationConvention() {
		super(HttpSemconv.CLIENT_NAME);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
		ClientRequest request = context.getRequest();
		String method = HttpSemconv.method((request != null) ? request.method().name() : null);
		String host = (request != null && request.url().getHost() != null) ? request.url().getHost() : "";
		int status = (context.getResponse() != null) ? context.getResponse().statusCode().value() : 0;
		return SemconvClientRequestObservationConvention.clientKeyValues(method, host, status, context.getError());
	}

}
