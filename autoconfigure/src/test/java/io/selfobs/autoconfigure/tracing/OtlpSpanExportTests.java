package io.selfobs.autoconfigure.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.autoconfigure.test.OtlpReceiver.Security;
import io.selfobs.autoconfigure.test.TestCertificates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real service exports its spans over mutual TLS to an in-test collector, over each
 * transport; the collector decodes them with the official protobuf classes.
 */
class OtlpSpanExportTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void requestSpansArriveNamedByRouteWithSemanticConventionsAndFailuresAreCounted(String protocol) {
		TestCertificates certificates = TestCertificates.generate();
		try (OtlpReceiver receiver = OtlpReceiver.start(Security.MUTUAL_TLS, certificates);
				ConfigurableApplicationContext app = start(protocol, receiver, certificates)) {
			int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
			get(port, "/api/items/7", "User-Agent", "selfobs-test/1.0");
			List<Span> spans = awaitSpans(receiver, "GET /api/items/{id}", "items.lookup", "query");
			Span server = span(spans, "GET /api/items/{id}");
			assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
			assertThat(attributes(server)).containsEntry("http.request.method", "GET")
				.containsEntry("http.route", "/api/items/{id}")
				.containsEntry("http.response.status_code", "200")
				.containsEntry("url.path", "/api/items/7")
				.containsEntry("client.address", "127.0.0.1")
				.containsEntry("server.address", "localhost")
				.containsEntry("user_agent.original", "selfobs-test/1.0");
			Span lookup = span(spans, "items.lookup");
			assertThat(lookup.getTraceId()).isEqualTo(server.getTraceId());
			assertThat(lookup.getParentSpanId()).isEqualTo(server.getSpanId());
			Span query = spans.stream()
				.filter((span) -> span.getName().equals("query") && span.getTraceId().equals(server.getTraceId()))
				.findFirst()
				.orElseThrow();
			assertThat(query.getParentSpanId()).isEqualTo(lookup.getSpanId());
			assertThat(attributes(query)).containsEntry("jdbc.query[0]",
					"SELECT name FROM items WHERE id = ? AND owner = ?");
			ExportTraceServiceRequest request = receiver.traces().get(0);
			assertThat(attributes(request.getResourceSpans(0).getResource().getAttributesList()))
				.containsEntry("service.name", "items-service");
			assertThat(receiver.awaitReceived(ExportTraceServiceRequest.class, WAIT).headers())
				.containsEntry("authorization", "Bearer t-789");
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			assertThat(meters.get("selfobs.export.exported")
				.tags("signal", "traces", "transport", protocol)
				.counter()
				.count()).isPositive();

			receiver.respondWith(400);
			get(port, "/api/items/7");
			String reason = protocol.equals("grpc") ? "grpc_invalid_argument" : "http_400";
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(meters.find("selfobs.export.failed")
					.tags("signal", "traces", "transport", protocol, "reason", reason)
					.counter()).isNotNull());
		}
	}

	private static ConfigurableApplicationContext start(String protocol, OtlpReceiver receiver,
			TestCertificates certificates) {
		String endpoint = protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
		return new SpringApplicationBuilder(TracingTestApplication.class)
			.properties("server.port=0", "spring.application.name=items-service",
					"spring.sql.init.schema-locations=classpath:tracing/schema.sql", "otel.traces.endpoint=" + endpoint,
					"otel.traces.protocol=" + protocol, "otel.traces.bearer-token=t-789",
					"otel.traces.export.schedule-delay=100ms",
					"otel.traces.tls.ca-certificate=" + certificates.caCertificate(),
					"otel.traces.tls.client-certificate=" + certificates.clientCertificate(),
					"otel.traces.tls.client-key=" + certificates.clientKey())
			.run();
	}

	private static List<Span> awaitSpans(OtlpReceiver receiver, String... names) {
		return await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> spans(receiver),
					(spans) -> List.of(names)
						.stream()
						.allMatch((name) -> spans.stream().anyMatch((span) -> span.getName().equals(name))));
	}

	private static List<Span> spans(OtlpReceiver receiver) {
		return receiver.traces()
			.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream())
			.toList();
	}

	private static Span span(List<Span> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	private static Map<String, String> attributes(Span span) {
		return attributes(span.getAttributesList());
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (kv) -> text(kv.getValue()), (a, b) -> a));
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			default -> value.getStringValue();
		};
	}

}
