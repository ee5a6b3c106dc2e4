package io.selfobs.autoconfigure.tracing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector faults a service meets in production, one after the other against one running application under a
 * short concurrent load, on one transport (the subclasses): first a healthy burst that must lose no span, then
 * 503, 429, a black hole (accepts, never answers), a collector that is down, and its recovery. Every request must
 * succeed whatever the collector does; every loss of spans and metric pushes is counted by reason, and the
 * OpenTelemetry SDK logs no per-batch warning of its own; export resumes once the collector is back. Only counts
 * and states are asserted, never timings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CollectorFaultSuite {

	/** Requests per fault phase, sent by {@link #CLIENTS} threads. */
	static final int LOAD = 40;

	static final int CLIENTS = 4;

	/** The healthy burst: about three spans a request, more than the default queue (2048) holds at once. */
	static final int BURST = 1000;

	static final Duration WAIT = Duration.ofSeconds(60);

	static final String[] PROPERTIES = { "spring.sql.init.schema-locations=classpath:tracing/schema.sql",
			"otel.exporter.otlp.timeout=5s", "otel.traces.export.schedule-delay=200ms",
			"otel.logging.export.schedule-delay=200ms", "otel.metrics.interval-in-millis=1000" };

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	/**
	 * The transport under test.
	 * @return {@code http/protobuf} or {@code grpc}
	 */
	abstract String transport();

	/**
	 * The failure reason the collector's answer is counted as on this transport.
	 * @param status the HTTP status the receiver answers with
	 * @return e.g. {@code http_503} or {@code grpc_unavailable}
	 */
	abstract String reasonOf(int status);

	/**
	 * The subclass' collector.
	 * @return the receiver
	 */
	abstract OtlpReceiver receiver();

	/**
	 * What the OpenTelemetry SDK logs itself during a phase.
	 */
	private final ListAppender<ILoggingEvent> sdkLogs = new ListAppender<>();

	/**
	 * Each phase starts from a collector that answers, whatever the previous one left behind.
	 */
	@BeforeEach
	void collectorAnswers() {
		receiver().answerAgain();
		receiver().respondWith(200);
		this.sdkLogs.start();
		((Logger) LoggerFactory.getLogger("io.opentelemetry")).addAppender(this.sdkLogs);
	}

	/**
	 * The SDK's own per-batch warnings are folded into selfobs' throttled warning: none reaches the log.
	 */
	@AfterEach
	void noPerBatchWarningFromTheSdk() {
		((Logger) LoggerFactory.getLogger("io.opentelemetry")).detachAppender(this.sdkLogs);
		assertThat(this.sdkLogs.list)
			.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.extracting(ILoggingEvent::getFormattedMessage)
			.noneMatch((message) -> message.startsWith("Failed to export") || message.contains(" dropped "));
	}

	@Test
	@Order(1)
	void aHealthyCollectorReceivesEverySpanOfABurst() throws Exception {
		receiver().respondWith(200);
		double droppedBefore = count("selfobs.export.dropped", "traces", null);
		double failedBefore = count("selfobs.export.failed", "traces", null);
		double itemsBefore = count("selfobs.export.items", "traces", null);
		load(BURST);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(receivedServerSpans()).isEqualTo(BURST));
		assertThat(count("selfobs.export.dropped", "traces", null)).isEqualTo(droppedBefore);
		assertThat(count("selfobs.export.failed", "traces", null)).isEqualTo(failedBefore);
		assertThat(count("selfobs.export.items", "traces", null) - itemsBefore).isGreaterThanOrEqualTo(3.0 * BURST);
	}

	@Test
	@Order(2)
	void serverErrorsAreCountedAndNoRequestFails() throws Exception {
		assertFaultCounted(() -> receiver().respondWith(503), reasonOf(503));
	}

	@Test
	@Order(3)
	void throttlingIsCountedAndNoRequestFails() throws Exception {
		assertFaultCounted(() -> receiver().respondWith(429), reasonOf(429));
	}

	@Test
	@Order(4)
	void aBlackHoleTimesOutWithinTheTimeoutAndNoRequestFails() throws Exception {
		receiver().respondWith(200);
		assertFaultCounted(receiver()::blackHole, "timeout");
		assertThat(receiver().heldRequests()).isPositive();
	}

	@Test
	@Order(5)
	void aCollectorThatIsDownIsCountedAndNoRequestFails() throws Exception {
		assertFaultCounted(receiver()::goDown, "unreachable");
	}

	@Test
	@Order(6)
	void exportResumesWhenTheCollectorComesBack() throws Exception {
		receiver().comeBack();
		receiver().clear();
		double exportedBefore = count("selfobs.export.exported", "traces", null);
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		assertThat(get(this.port, "/api/items/7", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.statusCode()).isEqualTo(200);
		// within one batch interval once the collector answers; the bound only keeps a broken build from hanging
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
			.until(() -> spans().anyMatch((span) -> hex(span.getTraceId().toByteArray()).equals(traceId)));
		assertThat(count("selfobs.export.exported", "traces", null)).isGreaterThan(exportedBefore);
	}

	private void assertFaultCounted(Runnable fault, String reason) throws Exception {
		double droppedBefore = count("selfobs.export.dropped", "traces", "export_failed");
		fault.run();
		load(LOAD);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(count("selfobs.export.failed", "traces", reason)).as("traces failed with " + reason)
				.isPositive();
			assertThat(count("selfobs.export.failed", "metrics", reason)).as("metrics failed with " + reason)
				.isPositive();
			assertThat(count("selfobs.export.dropped", "traces", "export_failed")).isGreaterThan(droppedBefore);
		});
	}

	/**
	 * Requests from {@link #CLIENTS} threads; every one must succeed.
	 */
	private void load(int requests) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<Integer>> statuses = IntStream.range(0, requests)
				.mapToObj((i) -> clients.submit(() -> get(this.port, "/api/items/7").statusCode()))
				.toList();
			for (Future<Integer> status : statuses) {
				assertThat(status.get()).isEqualTo(200);
			}
		}
		finally {
			clients.shutdown();
		}
	}

	private long receivedServerSpans() {
		return spans().filter((span) -> span.getName().equals("GET /api/items/{id}")).count();
	}

	private java.util.stream.Stream<Span> spans() {
		return receiver().traces()
			.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream());
	}

	/**
	 * A counter's total over the given signal and reason (any reason when null), 0 when it does not exist yet.
	 */
	double count(String name, String signal, String reason) {
		return this.meters.find(name)
			.tags("signal", signal, "transport", transport())
			.counters()
			.stream()
			.filter((counter) -> reason == null || reason.equals(counter.getId().getTag("reason")))
			.mapToDouble(Counter::count)
			.sum();
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}


}
