package io.selfobs.autoconfigure.metrics;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvReactiveServerRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvServerRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvWebClientRequestObservationConvention;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attributes the HTTP semantic conventions give servlet and WebFlux server requests
 * and {@code WebClient} requests, and the WebFlux beans a reactive application gets.
 */
class SemconvHttpConventionsTests {

	@Test
	void aServletRequestHasTheConventionsAttributesAndNoErrorTypeOnA4xx() {
		MockHttpServletRequest request = new MockHttpServletRequest("PURGE", "/items/7");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(404);
		var context = new org.springframework.http.server.observation.ServerRequestObservationContext(request,
				response);
		context.setError(new IllegalArgumentException("no such item"));
		assertThat(map(new SemconvServerRequestObservationConvention().getLowCardinalityKeyValues(context)))
			.containsExactlyInAnyOrderEntriesOf(
					Map.of("http.request.method", "_OTHER", "http.response.status_code", "404", "url.scheme", "http"));
	}

	@Test
	void aWebFluxRequestHasTheRouteStatusAndTheExceptionOfA5xx() {
		MockServerHttpRequest request = MockServerHttpRequest.get("https://shop.example/items/7").build();
		MockServerHttpResponse response = new MockServerHttpResponse();
		response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response,
				new HashMap<>());
		context.setPathPattern("/items/{id}");
		context.setError(new IllegalStateException("broken"));
		SemconvReactiveServerRequestObservationConvention convention = new SemconvReactiveServerRequestObservationConvention();
		assertThat(convention.getName()).isEqualTo("http.server.request.duration");
		assertThat(map(convention.getLowCardinalityKeyValues(context)))
			.containsExactlyInAnyOrderEntriesOf(Map.of("http.request.method", "GET", "http.response.status_code", "500",
					"url.scheme", "https", "http.route", "/items/{id}", "error.type", "IllegalStateException"));
	}

	@Test
	void aWebClientRequestHasTheServerAddressAndTheStatusOfA4xxAsErrorType() {
		ClientRequest request = ClientRequest
			.create(HttpMethod.POST, URI.create("http://ca.internal:8080/sign?token=x"))
			.build();
		ClientRequestObservationContext context = new ClientRequestObservationContext(ClientRequest.from(request));
		context.setRequest(request);
		context.setResponse(ClientResponse.create(HttpStatus.CONFLICT).build());
		SemconvWebClientRequestObservationConvention convention = new SemconvWebClientRequestObservationConvention();
		assertThat(convention.getName()).isEqualTo("http.client.request.duration");
		assertThat(map(convention.getLowCardinalityKeyValues(context)))
			.containsExactlyInAnyOrderEntriesOf(Map.of("http.request.method", "POST", "server.address", "ca.internal",
					"http.response.status_code", "409", "error.type", "409"));
	}

	@Test
	void aReactiveApplicationGetsTheWebFluxAndWebClientConventions() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, OtelMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(SemconvReactiveServerRequestObservationConvention.class)
				.hasSingleBean(SemconvWebClientRequestObservationConvention.class)
				.doesNotHaveBean(SemconvServerRequestObservationConvention.class));
	}

	private static Map<String, String> map(KeyValues keyValues) {
		return StreamSupport.stream(keyValues.spliterator(), false)
			.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

}
