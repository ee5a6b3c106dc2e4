package io.selfobs.autoconfigure.tracing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector faults a service meets in production, one after the other against one
 * running application under a short concurrent load, once per transport: first a healthy
 * burst that must lose no span and no log record, then 503, 429, a black hole (accepts,
 * never answers), a collector that is down, and its recovery. The application exports
 * traces, logs and metrics to the failing collector. Every request must succeed whatever
 * the collector does; every loss of spans, log records and metric pushes is counted by
 * reason, and the OpenTelemetry SDK logs no per-batch warning of its own; export of every
 * signal resumes once the collector is back. Only counts and states are asserted, never
 * timings.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(CollectorFaultTests.Transport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectorFaultTests {

	/** Requests per fault phase, sent by {@link #CLIENTS} threads. */
	static final int LOAD = 40;

	static final int CLIENTS = 4;

	/**
	 * The healthy burst: about three spans and two log records a request, more spans than
	 * the default queue (2048) holds at once.
	 */
	static final int BURST = 1000;

	static final Duration WAIT = Duration.ofSeconds(60);

	/**
	 * What the test application logs once per {@code /api/items/7} request, on the
	 * request thread.
	 */
	static final String ITEM_LOG = "Looking up item 7";

	/**
	 * The transports, with what differs between them: where the collector listens and how
	 * its answers are named.
	 */
	enum Transport {

		HTTP("http/protobuf", OtlpReceiver::httpEndpoint) {
			@Override
			String reasonOf(int status) {
				return "http_" + status;
			}
		},

		GRPC("grpc", OtlpReceiver::grpcEndpoint) {
			@Override
			String reasonOf(int status) {
				return (status == 429) ? "grpc_resource_exhausted" : "grpc_unavailable";
			}
		};

		final String protocol;

		final Function<OtlpReceiver, String> endpoint;

		Transport(String protocol, Function<OtlpReceiver, String> endpoint) {
			this.protocol = protocol;
			this.endpoint = endpoint;
		}

		/**
		 * The failure reason the collector's answer is counted as on this transport.
		 * @param status the HTTP status the receiver answers with
		 * @return e.g. {@code http_503} or {@code grpc_unavailable}
		 */
		abstract String reasonOf(int status);

		@Override
		public String toString() {
			return this.protocol;
		}

	}

	static OtlpReceiver receiver;

	static ConfigurableApplicationContext application;

	@Parameter
	Transport transport;

	/**
	 * What the OpenTelemetry SDK logs itself during a phase.
	 */
	private final ListAppender<ILoggingEvent> sdkLogs = new ListAppender<>();

	@BeforeParameterizedClassInvocation
	static void startApplicationExportingToTheCollector(Transport transport) {
		receiver = OtlpReceiver.start();
		application = new SpringApplicationBuilder(TracingTestApplication.class)
			.properties("server.port=0", "spring.sql.init.schema-locations=classpath:tracing/schema.sql",
					// retries on, short enough for the black hole phase, long enough for
					// a first export on a
					// loaded machine
					"otel.exporter.otlp.timeout=5s", "otel.traces.export.schedule-delay=200ms",
					"otel.logging.export.schedule-delay=200ms", "otel.metrics.interval-in-millis=1000",
					"otel.exporter.otlp.endpoint=" + transport.endpoint.apply(receiver),
					"otel.exporter.otlp.protocol=" + transport.protocol)
			.run();
	}

	@AfterParameterizedClassInvocation
	static void stopApplicationAndCollector() {
		application.close();
		receiver.close();
	}

	/**
	 * Each phase starts from a collector that answers, whatever the previous one left
	 * behind.
	 */
	@BeforeEach
	void collectorAnswers() {
		receiver.answerAgain();
		receiver.respondWith(200);
		this.sdkLogs.start();
		((Logger) LoggerFactory.getLogger("io.opentelemetry")).addAppender(this.sdkLogs);
	}

	/**
	 * The SDK's own per-batch warnings are folded into selfobs' throttled warning: none
	 * reaches the log.
	 */
	@AfterEach
	void noPerBatchWarningFromTheSdk() {
		((Logger) LoggerFactory.getLogger("io.opentelemetry")).detachAppender(this.sdkLogs);
		assertThat(this.sdkLogs.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.extracting(ILoggingEvent::getFormattedMessage)
			.noneMatch((message) -> message.startsWith("Failed to export") || message.contains(" dropped "));
	}

	@Test
	@Order(1)
	void aHealthyCollectorReceivesEverySpanAndLogRecordOfABurst() throws Exception {
		double droppedBefore = count("selfobs.export.dropped", OtlpSignal.TRACES, null);
		double failedBefore = count("selfobs.export.failed", OtlpSignal.TRACES, null);
		double itemsBefore = count("selfobs.export.items", OtlpSignal.TRACES, null);
		double logsDroppedBefore = count("selfobs.export.dropped", OtlpSignal.LOGS, null);
		double logsFailedBefore = count("selfobs.export.failed", OtlpSignal.LOGS, null);
		receiver.clear();
		load(BURST);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(receivedServerSpans()).isEqualTo(BURST);
			assertThat(logRecords().filter((record) -> record.getBody().getStringValue().equals(ITEM_LOG)))
				.hasSize(BURST);
		});
		assertThat(count("selfobs.export.dropped", OtlpSignal.TRACES, null)).isEqualTo(droppedBefore);
		assertThat(count("selfobs.export.failed", OtlpSignal.TRACES, null)).isEqualTo(failedBefore);
		assertThat(count("selfobs.export.items", OtlpSignal.TRACES, null) - itemsBefore)
			.isGreaterThanOrEqualTo(3.0 * BURST);
		assertThat(count("selfobs.export.dropped", OtlpSignal.LOGS, null)).isEqualTo(logsDroppedBefore);
		assertThat(count("selfobs.export.failed", OtlpSignal.LOGS, null)).isEqualTo(logsFailedBefore);
	}

	@Test
	@Order(2)
	void serverErrorsAreCountedAndNoRequestFails() throws Exception {
		assertFaultCounted(() -> receiver.respondWith(503), this.transport.reasonOf(503));
	}

	@Test
	@Order(3)
	void throttlingIsCountedAndNoRequestFails() throws Exception {
		assertFaultCounted(() -> receiver.respondWith(429), this.transport.reasonOf(429));
	}

	@Test
	@Order(4)
	void aBlackHoleTimesOutWithinTheTimeoutAndNoRequestFails() throws Exception {
		assertFaultCounted(receiver::blackHole, "timeout");
		assertThat(receiver.heldRequests()).isPositive();
	}

	@Test
	@Order(5)
	void aCollectorThatIsDownIsCountedAndNoRequestFails() throws Exception {
		assertFaultCounted(receiver::goDown, "unreachable");
	}

	@Test
	@Order(6)
	void exportOfEverySignalResumesWhenTheCollectorComesBack() throws Exception {
		receiver.comeBack();
		receiver.clear();
		double tracesBefore = count("selfobs.export.exported", OtlpSignal.TRACES, null);
		double logsBefore = count("selfobs.export.exported", OtlpSignal.LOGS, null);
		double metricsBefore = count("selfobs.export.exported", OtlpSignal.METRICS, null);
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		assertThat(get(port(), "/api/items/7", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").statusCode())
			.isEqualTo(200);
		// within one batch interval once the collector answers; the bound only keeps a
		// broken build from hanging
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(spans()).anyMatch((span) -> hex(span.getTraceId().toByteArray()).equals(traceId));
			assertThat(logRecords()).anyMatch((record) -> hex(record.getTraceId().toByteArray()).equals(traceId)
					&& record.getBody().getStringValue().equals(ITEM_LOG));
			assertThat(receiver.metrics()).isNotEmpty();
			// counted once the exporter has read the collector's answer, a moment after
			// the collector has the data
			assertThat(count("selfobs.export.exported", OtlpSignal.TRACES, null)).isGreaterThan(tracesBefore);
			assertThat(count("selfobs.export.exported", OtlpSignal.LOGS, null)).isGreaterThan(logsBefore);
			assertThat(count("selfobs.export.exported", OtlpSignal.METRICS, null)).isGreaterThan(metricsBefore);
		});
	}

	/**
	 * Under the fault, every request succeeds, each signal's failed export requests are
	 * counted with the reason, and the spans and log records of the failed batches are
	 * counted as dropped.
	 */
	private void assertFaultCounted(Runnable fault, String reason) throws Exception {
		double tracesDroppedBefore = count("selfobs.export.dropped", OtlpSignal.TRACES, "export_failed");
		double logsDroppedBefore = count("selfobs.export.dropped", OtlpSignal.LOGS, "export_failed");
		fault.run();
		load(LOAD);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			for (OtlpSignal signal : OtlpSignal.values()) {
				assertThat(count("selfobs.export.failed", signal, reason))
					.as(signal.tagValue() + " failed with " + reason)
					.isPositive();
			}
			assertThat(count("selfobs.export.dropped", OtlpSignal.TRACES, "export_failed"))
				.as("spans dropped after a failed export")
				.isGreaterThan(tracesDroppedBefore);
			assertThat(count("selfobs.export.dropped", OtlpSignal.LOGS, "export_failed"))
				.as("log records dropped after a failed export")
				.isGreaterThan(logsDroppedBefore);
		});
	}

	/**
	 * Requests from {@link #CLIENTS} threads; every one must succeed.
	 */
	private void load(int requests) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			int port = port();
			List<Future<Integer>> statuses = IntStream.range(0, requests)
				.mapToObj((i) -> clients.submit(() -> get(port, "/api/items/7").statusCode()))
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

	private static Stream<Span> spans() {
		return receiver.traces()
			.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream());
	}

	private static Stream<LogRecord> logRecords() {
		return receiver.logs()
			.stream()
			.flatMap((request) -> request.getResourceLogsList().stream())
			.flatMap((resource) -> resource.getScopeLogsList().stream())
			.flatMap((scope) -> scope.getLogRecordsList().stream());
	}

	private static int port() {
		return ((WebServerApplicationContext) application).getWebServer().getPort();
	}

	/**
	 * A counter's total over the given signal and reason (any reason when null), 0 when
	 * it does not exist yet.
	 */
	private double count(String name, OtlpSignal signal, String reason) {
		return application.getBean(MeterRegistry.class)
			.find(name)
			.tags("signal", signal.tagValue(), "transport", this.transport.protocol)
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
