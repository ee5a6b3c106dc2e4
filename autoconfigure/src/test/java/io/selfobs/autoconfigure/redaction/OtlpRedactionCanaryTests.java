package io.selfobs.autoconfigure.redaction;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canaries, put into every channel a service has (log text, MDC, key/values,
 * exceptions, request headers and query, span attributes and events, metric tags, the
 * exporter's own headers), never reach an OTLP payload the collector receives, on any of
 * the three signals.
 */
class OtlpRedactionCanaryTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void noCanaryReachesAnyOtlpPayload() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = SpringApplication.run(CanaryApp.class, "--server.port=0",
						"--spring.main.banner-mode=off", "--otel.exporter.otlp.endpoint=" + receiver.httpEndpoint(),
						"--otel.exporter.otlp.headers.api-key=" + RedactionCanaries.OTLP_HEADER_VALUE,
						"--otel.metrics.interval-in-millis=200", "--otel.traces.export.schedule-delay=100ms",
						"--otel.logging.export.schedule-delay=100ms")) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpResponse<String> response = send(port, "/items/7?page=2&access_token="
					+ RedactionCanaries.ACCESS_TOKEN_PARAMETER + "&sig=" + RedactionCanaries.SIG_PARAMETER);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(send(port, "/fail").statusCode()).isEqualTo(500);
			String payloads = awaitAllSignals(receiver);
			assertThat(RedactionCanaries.leakedIn(payloads)).isEmpty();
			assertThat(payloads).contains("Item looked up").contains("canary.tags").contains("************4242");
			assertThat(receiver.received()).allSatisfy((request) -> assertThat(request.headers())
				.containsEntry("api-key", RedactionCanaries.OTLP_HEADER_VALUE));
		}
	}

	private static String awaitAllSignals(OtlpReceiver receiver) {
		receiver.await(ExportTraceServiceRequest.class, (r) -> r.toString().contains("GET /items/{id}"), WAIT);
		receiver.await(ExportTraceServiceRequest.class, (r) -> r.toString().contains("GET /fail"), WAIT);
		receiver.await(ExportLogsServiceRequest.class, (r) -> r.toString().contains("Item looked up"), WAIT);
		receiver.await(ExportMetricsServiceRequest.class, (r) -> r.toString().contains("canary.tags"), WAIT);
		return receiver.received().stream().map((r) -> r.message().toString()).collect(Collectors.joining("\n"));
	}

	private static HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		RedactionCanaries.requestHeaders().forEach(request::header);
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootApplication
	@RestController
	static class CanaryApp {

		private static final Logger logger = LoggerFactory.getLogger(CanaryApp.class);

		private final ObservationRegistry observations;

		private final MeterRegistry meters;

		CanaryApp(ObservationRegistry observations, MeterRegistry meters) {
			this.observations = observations;
			this.meters = meters;
		}

		@GetMapping("/items/{id}")
		String item(@PathVariable String id) {
			RedactionCanaries.freeText().forEach((channel, line) -> logger.info("{}: {}", channel, line));
			MDC.put("password", RedactionCanaries.MDC_PASSWORD);
			try {
				logger.atInfo()
					.addKeyValue("api_key", RedactionCanaries.API_KEY_FIELD)
					.addKeyValue("url", RedactionCanaries.requestUrl())
					.log("Item looked up with key {}", RedactionCanaries.PEM_PRIVATE_KEY);
			}
			finally {
				MDC.remove("password");
			}
			Observation.createNotStarted("item.lookup", this.observations)
				.highCardinalityKeyValue("auth.token", RedactionCanaries.BEARER_TOKEN)
				.highCardinalityKeyValue("note",
						"card " + RedactionCanaries.CARD_NUMBER + " via " + RedactionCanaries.requestUrl())
				.observe(() -> this.meters
					.counter("canary.tags", "token", RedactionCanaries.GITHUB_TOKEN, "email", "alice@example.com",
							"detail", "Bearer " + RedactionCanaries.BEARER_TOKEN)
					.increment());
			return "item " + id;
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("Invalid token " + RedactionCanaries.JWT + " for Authorization: Bearer "
					+ RedactionCanaries.BEARER_TOKEN);
		}

	}

}
