package io.selfobs.autoconfigure.tracing;

import java.net.http.HttpResponse;
import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.awaitSpans;
import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static io.selfobs.autoconfigure.tracing.TracingTestSupport.named;
import static io.selfobs.autoconfigure.tracing.TracingTestSupport.span;
import static io.selfobs.autoconfigure.tracing.TracingTestSupport.withPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real service on a random port: what its spans look like, how its trace crosses HTTP,
 * what its logs carry and which requests are kept out of traces.
 */
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.sql.init.schema-locations=classpath:tracing/schema.sql",
				"otel.traces.excluded-paths=/livez,/readyz,/startupz,/healthz,/actuator/**,/internal/**",
				"otel.traces.export.schedule-delay=100ms" })
class TracingIntegrationTests {

	private static final String INCOMING_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String INCOMING_PARENT_ID = "00f067aa0ba902b7";

	@LocalServerPort
	private int port;

	@Autowired
	private BatchSpanProcessor processor;

	@Autowired
	private CapturingSpanExporter exporter;

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void clear() {
		this.processor.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
		this.exporter.clear();
	}

	@Test
	void serverSpanIsNamedByRouteTemplateWithSemanticConventionAttributes() {
		HttpResponse<String> response = get(this.port, "/api/items/7", "User-Agent", "selfobs-test/1.0");
		assertThat(response.statusCode()).isEqualTo(200);
		SpanData server = span(
				awaitSpans(this.processor, this.exporter,
						(spans) -> spans.stream().anyMatch(named("GET /api/items/{id}"))),
				named("GET /api/items/{id}"));
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(server.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("http.request.method"), "GET")
			.containsEntry(AttributeKey.stringKey("http.route"), "/api/items/{id}")
			.containsEntry(AttributeKey.longKey("http.response.status_code"), 200L)
			.containsEntry(AttributeKey.stringKey("url.path"), "/api/items/7")
			.containsEntry(AttributeKey.stringKey("url.scheme"), "http")
			.containsEntry(AttributeKey.stringKey("client.address"), "127.0.0.1")
			.containsEntry(AttributeKey.stringKey("server.address"), "localhost")
			.containsEntry(AttributeKey.longKey("server.port"), (long) this.port)
			.containsEntry(AttributeKey.stringKey("user_agent.original"), "selfobs-test/1.0");
		assertThat(server.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.doesNotContain("uri", "method", "status", "http.url");
	}

	@Test
	void nestedObservationIsAChildSpanAndItsQueryIsASanitizedJdbcClientSpan() {
		get(this.port, "/api/items/7");
		List<SpanData> spans = awaitSpans(this.processor, this.exporter,
				(all) -> all.stream().anyMatch(named("GET /api/items/{id}")));
		SpanData server = span(spans, named("GET /api/items/{id}"));
		SpanData lookup = span(spans, named("items.lookup"));
		SpanData query = span(spans, (span) -> span.getAttributes().get(AttributeKey.stringKey("jdbc.query[0]")) != null
				&& span.getTraceId().equals(server.getTraceId()));
		assertThat(lookup.getTraceId()).isEqualTo(server.getTraceId());
		assertThat(lookup.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(query.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(query.getParentSpanId()).isEqualTo(lookup.getSpanId());
		assertThat(query.getAttributes().get(AttributeKey.stringKey("jdbc.query[0]")))
			.isEqualTo("SELECT name FROM items WHERE id = ? AND owner = ?");
		assertThat(spans).allSatisfy((span) -> assertThat(span.getAttributes().toString()).doesNotContain("alice"));
	}

	@Test
	void aQueryIsOneClientSpanWithoutAConnectionCheckoutSpan() {
		get(this.port, "/api/items/7");
		List<SpanData> spans = awaitSpans(this.processor, this.exporter,
				(all) -> all.stream().anyMatch(named("GET /api/items/{id}")));
		String traceId = span(spans, named("GET /api/items/{id}")).getTraceId();
		assertThat(spans).filteredOn((span) -> span.getTraceId().equals(traceId))
			.filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.singleElement()
			.satisfies((query) -> assertThat(query.getName()).isEqualTo("query"));
		assertThat(this.meters.find("jdbc.connection").meters()).isEmpty();
	}

	@Test
	void queriesAreTimedAndTheConnectionPoolIsMeasured() {
		get(this.port, "/api/items/7");
		assertThat(this.meters.get("db.client.operation.duration").timer().count()).isPositive();
		assertThat(this.meters.get("db.client.connection.max").gauge().value()).isPositive();
	}

	@Test
	void callThroughBootBuiltRestClientContinuesTheTraceWithParentLinks() {
		HttpResponse<String> response = get(this.port, "/api/chain/7");
		assertThat(response.statusCode()).isEqualTo(200);
		List<SpanData> spans = awaitSpans(this.processor, this.exporter,
				(all) -> all.stream().anyMatch(named("GET /api/chain/{id}"))
						&& all.stream().anyMatch(named("GET /api/items/{id}")));
		SpanData upstream = span(spans, named("GET /api/chain/{id}"));
		SpanData client = span(spans,
				(span) -> span.getKind() == SpanKind.CLIENT && span.getName().equals("GET /api/items/{id}"));
		SpanData downstream = span(spans,
				(span) -> span.getKind() == SpanKind.SERVER && span.getName().equals("GET /api/items/{id}"));
		assertThat(client.getTraceId()).isEqualTo(upstream.getTraceId());
		assertThat(downstream.getTraceId()).isEqualTo(upstream.getTraceId());
		assertThat(client.getParentSpanId()).isEqualTo(upstream.getSpanId());
		assertThat(downstream.getParentSpanId()).isEqualTo(client.getSpanId());
		assertThat(client.getAttributes().asMap())
			.containsEntry(AttributeKey.stringKey("url.full"), "http://localhost:" + this.port + "/api/items/7")
			.containsEntry(AttributeKey.stringKey("server.address"), "localhost")
			.containsEntry(AttributeKey.longKey("http.response.status_code"), 200L);
		// sampled; OpenTelemetry 1.62 and later also set the W3C random-trace-id flag
		// (03)
		assertThat(response.body())
			.containsPattern("00-" + upstream.getTraceId() + "-" + client.getSpanId() + "-0[13]");
	}

	@Test
	void incomingTraceparentIsContinuedNotReplaced() {
		get(this.port, "/api/items/7", "traceparent", "00-" + INCOMING_TRACE_ID + "-" + INCOMING_PARENT_ID + "-01");
		SpanData server = span(
				awaitSpans(this.processor, this.exporter,
						(spans) -> spans.stream().anyMatch(named("GET /api/items/{id}"))),
				named("GET /api/items/{id}"));
		assertThat(server.getTraceId()).isEqualTo(INCOMING_TRACE_ID);
		assertThat(server.getParentSpanId()).isEqualTo(INCOMING_PARENT_ID);
	}

	@Test
	void logEventsInsideASpanCarryEcsTraceAndSpanIds() {
		ListAppender<ILoggingEvent> logs = TracingTestSupport.captureLogs();
		try {
			get(this.port, "/api/items/7");
		}
		finally {
			TracingTestSupport.stopCapturing(logs);
		}
		SpanData server = span(
				awaitSpans(this.processor, this.exporter,
						(spans) -> spans.stream().anyMatch(named("GET /api/items/{id}"))),
				named("GET /api/items/{id}"));
		assertThat(TracingTestSupport.mdcOfFirst(logs)).containsEntry("trace.id", server.getTraceId())
			.containsEntry("span.id", server.getSpanId())
			.containsEntry("traceId", server.getTraceId());
	}

	@Test
	void probesScrapesActuatorAndConfiguredPathsProduceNoSpans() {
		for (String path : List.of("/livez", "/readyz", "/internal/ping", "/metrics", "/actuator/health")) {
			assertThat(get(this.port, path).statusCode()).as(path).isEqualTo(200);
		}
		get(this.port, "/api/items/7");
		List<SpanData> spans = awaitSpans(this.processor, this.exporter,
				(all) -> all.stream().anyMatch(named("GET /api/items/{id}")));
		String traceId = span(spans, named("GET /api/items/{id}")).getTraceId();
		assertThat(spans).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(traceId));
		assertThat(spans).noneMatch(withPath("/livez"));
	}

	@Test
	void everyRequestIsSampledByDefault() {
		for (int i = 0; i < 10; i++) {
			get(this.port, "/api/items/7");
		}
		awaitSpans(this.processor, this.exporter,
				(spans) -> spans.stream().filter(named("GET /api/items/{id}")).count() == 10);
	}

}
