package com.example.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.selfobs.autoconfigure.test.EcsLogValidator;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as a user runs it, with only the selfobs starter added: it starts, serves /metrics and the
 * Kubernetes probes, writes valid ECS lines and exports traces, metrics and logs to a collector over either OTLP
 * transport.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdersApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void observableWithTheStarterAlone(String protocol, CapturedOutput output) throws Exception {
		System.err.println("Spring Boot " + SpringBootVersion.getVersion() + ", OTLP over " + protocol);
		try (OtlpReceiver collector = OtlpReceiver.start()) {
			String endpoint = "grpc".equals(protocol) ? collector.grpcEndpoint() : collector.httpEndpoint();
			try (ConfigurableApplicationContext app = SpringApplication.run(OrdersApplication.class,
					"--server.port=0", "--otel.exporter.otlp.endpoint=" + endpoint,
					"--otel.exporter.otlp.protocol=" + protocol, "--otel.metrics.interval-in-millis=500",
					"--otel.traces.export.schedule-delay=100ms", "--otel.logging.export.schedule-delay=100ms")) {
				String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");

				HttpResponse<String> order = get(base + "/orders/42");
				assertThat(order.statusCode()).isEqualTo(200);
				assertThat(order.body()).isEqualTo("order 42");

				for (String probe : List.of("/livez", "/readyz", "/startupz", "/healthz")) {
					HttpResponse<String> response = get(base + probe);
					assertThat(response.statusCode()).as(probe).isEqualTo(200);
					assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
				}

				HttpResponse<String> metrics = get(base + "/metrics");
				assertThat(metrics.statusCode()).isEqualTo(200);
				assertThat(metrics.body()).contains("jvm_memory_used_bytes")
					.containsPattern("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/orders/\\{id}\"");

				ExportTraceServiceRequest traces = collector.await(ExportTraceServiceRequest.class,
						(request) -> request.toString().contains("/orders/{id}"), WAIT);
				assertThat(serviceName(traces.getResourceSpans(0).getResource())).isEqualTo("orders");
				ExportMetricsServiceRequest metricsExport = collector.await(ExportMetricsServiceRequest.class,
						(request) -> request.toString().contains("http.server.request.duration"), WAIT);
				assertThat(serviceName(metricsExport.getResourceMetrics(0).getResource())).isEqualTo("orders");
				ExportLogsServiceRequest logs = collector.await(ExportLogsServiceRequest.class,
						(request) -> request.toString().contains("Order looked up"), WAIT);
				assertThat(serviceName(logs.getResourceLogs(0).getResource())).isEqualTo("orders");
				assertThat(collector.received()).isNotEmpty()
					.allSatisfy((received) -> assertThat(received.transport()).isEqualTo(protocol));
			}
		}
		List<JsonNode> lines = ecs().validateLines(output.getOut());
		assertThat(lines).anySatisfy((line) -> {
			assertThat(line.path("message").asString()).isEqualTo("Order looked up");
			assertThat(line.path("order_id").asString()).isEqualTo("42");
			assertThat(line.path("trace.id").asString()).hasSize(32);
			assertThat(line.path("service.name").asString()).isEqualTo("orders");
		});
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String serviceName(Resource resource) {
		return resource.getAttributesList().stream()
			.filter((attribute) -> "service.name".equals(attribute.getKey()))
			.map(KeyValue::getValue)
			.map((value) -> value.getStringValue())
			.findFirst()
			.orElse(null);
	}

	private static EcsLogValidator ecs() {
		return EcsLogValidator.load(Path.of(System.getProperty("ecs.spec")));
	}

}
