package io.selfobs.autoconfigure.redaction;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the starter's defaults, no actuator endpoint that can reveal configuration or
 * internals is reachable over HTTP; health is.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActuatorExposureDefaultsTests {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "env", "configprops", "beans", "mappings", "loggers", "heapdump", "threaddump", "metrics",
			"conditions", "scheduledtasks", "sbom", "info" })
	void endpointIsNotExposed(String endpoint) throws Exception {
		assertThat(status("/actuator/" + endpoint)).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health" })
	void healthIsExposed(String path) throws Exception {
		assertThat(status(path)).isEqualTo(200);
	}

	private int status(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApplication {

	}

}
