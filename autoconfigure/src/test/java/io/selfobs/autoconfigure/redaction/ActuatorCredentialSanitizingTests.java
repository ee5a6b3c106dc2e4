package io.selfobs.autoconfigure.redaction;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.selfobs.autoconfigure.redaction.RedactionCanaries.API_KEY_FIELD;
import static io.selfobs.autoconfigure.redaction.RedactionCanaries.API_KEY_HEADER_VALUE;
import static io.selfobs.autoconfigure.redaction.RedactionCanaries.BASIC_PASSWORD;
import static io.selfobs.autoconfigure.redaction.RedactionCanaries.BEARER_TOKEN;
import static io.selfobs.autoconfigure.redaction.RedactionCanaries.HMAC_KEY;
import static io.selfobs.autoconfigure.redaction.RedactionCanaries.OTLP_HEADER_VALUE;
import static io.selfobs.autoconfigure.redaction.RedactionCanaries.URL_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code env} and {@code configprops} exposed and values shown, OTLP credentials and
 * other secrets are still masked, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=ALWAYS", "management.endpoint.configprops.show-values=ALWAYS",
				"otel.exporter.otlp.headers.Authorization=Bearer " + OTLP_HEADER_VALUE,
				"otel.exporter.otlp.headers.x-tenant=" + OTLP_HEADER_VALUE,
				"otel.metrics.headers.api-key=" + API_KEY_HEADER_VALUE, "otel.metrics.basic-auth.username=collector",
				"otel.metrics.basic-auth.password=" + BASIC_PASSWORD,
				"otel.metrics.tls.client-certificate=" + ActuatorCredentialSanitizingTests.CERTIFICATE,
				"otel.metrics.tls.client-key=" + ActuatorCredentialSanitizingTests.KEY_PATH,
				"otel.traces.bearer-token=" + BEARER_TOKEN, "OTEL_EXPORTER_OTLP_HEADERS=x-tenant=" + OTLP_HEADER_VALUE,
				"OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY=" + ActuatorCredentialSanitizingTests.KEY_PATH,
				"otel.redaction.replacement=hmac", "otel.redaction.hmac-key=" + HMAC_KEY,
				"otel.redaction.allowed-headers=X-Request-Id", "otel.service.name=visible-service-name",
				"app.api-key=" + API_KEY_FIELD,
				"app.upstream-url=https://svc:" + URL_PASSWORD + "@upstream.internal/" })
class ActuatorCredentialSanitizingTests {

	static final String KEY_PATH = "classpath:cnryKeyPath/tls.key";

	static final String CERTIFICATE = "classpath:cnryKeyPath/tls.crt";

	@LocalServerPort
	private int port;

	@Test
	void envEndpointShowsNoCredential() throws Exception {
		String body = get("/actuator/env");
		assertThat(RedactionCanaries.leakedIn(body)).isEmpty();
		assertThat(body).doesNotContain(KEY_PATH)
			.contains("visible-service-name")
			.contains("X-Request-Id")
			.containsPattern("https://\\[HMAC:[^]]+]:\\[HMAC:[^]]+]@upstream.internal/")
			.contains("******");
	}

	@Test
	void configpropsEndpointShowsNoCredential() throws Exception {
		String body = get("/actuator/configprops");
		assertThat(RedactionCanaries.leakedIn(body)).isEmpty();
		assertThat(body).doesNotContain(KEY_PATH)
			.contains("\"Authorization\":\"******\"")
			.contains("\"api-key\":\"******\"")
			.contains("visible-service-name")
			.contains("X-Request-Id");
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CredentialsApplication {

	}

}
