package com.example.orders;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application started as the OpenTelemetry Operator starts it: configured by {@code OTEL_*} environment
 * variables only, in a process of its own (Spring Boot 4.1 reads the real process environment). Every Boot line
 * must give the same one result: each span, log record and metric stream reaches the collector exactly once.
 */
class OtelEnvironmentVariablesTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void operatorStyleVariablesExportEachSignalOnce() throws Exception {
		try (OtlpReceiver collector = OtlpReceiver.start()) {
			Map<String, String> variables = Map.of("OTEL_SERVICE_NAME", "orders-env", "OTEL_RESOURCE_ATTRIBUTES",
					"deployment.environment.name=ci", "OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint(),
					"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_TRACES_EXPORTER", "otlp",
					"OTEL_METRICS_EXPORTER", "otlp", "OTEL_LOGS_EXPORTER", "otlp", "OTEL_METRIC_EXPORT_INTERVAL", "500",
					"OTEL_BSP_SCHEDULE_DELAY", "100", "OTEL_BLRP_SCHEDULE_DELAY", "100");
			try (Application app = Application.start("each-signal-once", variables)) {
				HttpResponse<String> order = get(app.url("/orders/7"),
						"00-" + TRACE_ID + "-00f067aa0ba902b7-01");
				assertThat(order.statusCode()).isEqualTo(200);

				collector.await(ExportTraceServiceRequest.class, (request) -> !serverSpans(List.of(request)).isEmpty(),
						WAIT);
				collector.await(ExportLogsServiceRequest.class, (request) -> !orderLogs(List.of(request)).isEmpty(),
						WAIT);
				collector.await(ExportMetricsServiceRequest.class,
						(request) -> request.toString().contains("http.server.request.duration"), WAIT);
				// longer than every export interval: a second exporter would have sent by now
				Thread.sleep(2000);

				assertThat(serverSpans(collector.traces())).hasSize(1);
				assertThat(orderLogs(collector.logs())).hasSize(1);
				Set<Map<String, String>> metricResources = collector.metrics().stream()
					.flatMap((request) -> request.getResourceMetricsList().stream())
					.map((resource) -> attributes(resource.getResource().getAttributesList()))
					.collect(Collectors.toSet());
				assertThat(metricResources).as("one metrics stream").hasSize(1);
				assertThat(metricResources.iterator().next()).containsEntry("service.name", "orders-env")
					.containsEntry("deployment.environment.name", "ci");
				assertThat(collector.received())
					.allSatisfy((received) -> assertThat(received.transport()).isEqualTo("http/protobuf"));
			}
		}
	}

	@Test
	void sdkDisabledExportsNothingAndTheApplicationStillServes() throws Exception {
		try (OtlpReceiver collector = OtlpReceiver.start()) {
			Map<String, String> variables = Map.of("OTEL_SDK_DISABLED", "true", "OTEL_EXPORTER_OTLP_ENDPOINT",
					collector.httpEndpoint(), "OTEL_METRIC_EXPORT_INTERVAL", "500", "OTEL_BSP_SCHEDULE_DELAY", "100",
					"OTEL_BLRP_SCHEDULE_DELAY", "100");
			try (Application app = Application.start("sdk-disabled", variables)) {
				assertThat(get(app.url("/orders/8"), null).statusCode()).isEqualTo(200);
				assertThat(get(app.url("/metrics"), null).body()).contains("http_server_request_duration_seconds_count");
				Thread.sleep(2000);
				assertThat(collector.received()).isEmpty();
			}
		}
	}

	private HttpResponse<String> get(String url, String traceparent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<Span> serverSpans(List<ExportTraceServiceRequest> requests) {
		return requests.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream())
			.filter((span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
			.filter((span) -> TRACE_ID.equals(HexFormat.of().formatHex(span.getTraceId().toByteArray())))
			.toList();
	}

	private static List<LogRecord> orderLogs(List<ExportLogsServiceRequest> requests) {
		return requests.stream()
			.flatMap((request) -> request.getResourceLogsList().stream())
			.flatMap((resource) -> resource.getScopeLogsList().stream())
			.flatMap((scope) -> scope.getLogRecordsList().stream())
			.filter((record) -> "Order looked up".equals(record.getBody().getStringValue()))
			.toList();
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (kv) -> kv.getValue().getStringValue(), (a, b) -> a));
	}

	/**
	 * The application in a JVM of its own, with a real process environment.
	 */
	private record Application(Process process, int port, Path log) implements AutoCloseable {

		static Application start(String name, Map<String, String> variables) throws IOException {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path log = Path.of("target", name + ".log");
			String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
				.toString(), "-cp", classpath, OrdersApplication.class.getName(), "--server.port=" + port);
			builder.environment().keySet().removeIf((key) -> key.startsWith("OTEL_"));
			builder.environment().putAll(variables);
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Application app = new Application(builder.start(), port, log);
			try {
				await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(app::ready);
			}
			catch (RuntimeException | Error ex) {
				app.close();
				throw new AssertionError("The application did not become ready; its output:\n" + app.output(), ex);
			}
			return app;
		}

		String url(String path) {
			return "http://localhost:" + this.port + path;
		}

		boolean ready() {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The application exited with " + this.process.exitValue());
			}
			try {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(url("/readyz"))).build(),
							HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		String output() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				return "(unreadable: " + ex.getMessage() + ")";
			}
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
