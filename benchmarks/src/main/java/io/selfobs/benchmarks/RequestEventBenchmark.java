package io.selfobs.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.console.AsyncConsoleAppender;
import io.selfobs.autoconfigure.logging.internal.console.ConsoleDrops;
import io.selfobs.autoconfigure.logging.internal.console.ConsoleEcsEncoder;
import io.selfobs.autoconfigure.logging.internal.otlp.OtlpLogAppender;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.logging.internal.request.RequestEventFilter;
import io.selfobs.autoconfigure.logging.internal.request.RequestIdentity;
import io.selfobs.autoconfigure.redaction.Redactor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Cost of the request event selfobs writes for every HTTP request, with the default
 * redaction rules.
 * <ul>
 * <li>{@code filterRequest}: the whole {@link RequestEventFilter} around a request that
 * writes a small body, with selfobs' console appender (ECS, writing to a discarding
 * stream) and, for {@code sinks=console+otlp}, selfobs' OTLP appender on an SDK logger
 * provider whose batch processor exports to nowhere. The console writer thread's encoding
 * runs concurrently; its allocation is in {@code gc.alloc.rate.norm} (JMH counts every
 * thread), its CPU is {@code encodeRequestEvent}. The console waits for room instead of
 * dropping, so every event is encoded.</li>
 * <li>{@code encodeRequestEvent}: what the console writer thread does per request event:
 * the ECS line from the captured facts into its reusable builder.</li>
 * <li>{@code filterRequestInSpanScope}: the same inside a span scope that changes the
 * MDC, as tracing does on every request.</li>
 * <li>{@code applicationAlone}: the mock exchange without the filter, the part of
 * {@code filterRequest} that is not the filter's.</li>
 * <li>{@code encodeAccessEvent}: the console's ECS encoder on the same event as a logback
 * event with key/value pairs (the path taken when other appenders than selfobs' are
 * configured).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestEventBenchmark {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final byte[] BODY = "{\"result\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}"
		.getBytes(StandardCharsets.UTF_8);

	@Param({ "console", "console+otlp" })
	public String sinks;

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private ConsoleEcsEncoder encoder;

	private LoggingEvent accessEvent;

	private RequestEvent requestEvent;

	private final StringBuilder line = new StringBuilder(1024);

	private RequestEventFilter filter;

	private MockHttpServletRequest request;

	private SdkLoggerProvider loggerProvider;

	private final FilterChain application = (request, response) -> response.getOutputStream().write(BODY);

	@Setup(Level.Trial)
	public void setUp() {
		this.encoder = startedEncoder();
		this.accessEvent = accessEvent();
		this.requestEvent = new RequestEvent(Instant.now(), "http-nio-8080-exec-1",
				Map.of("traceId", TRACE_ID, "spanId", SPAN_ID), TRACE_ID, SPAN_ID, "GET", "/work", null, null, 200,
				412_345L, "127.0.0.1", "wrk/4.1.0", null, null, -1, 45);
		Logger events = this.context.getLogger("selfobs.http");
		events.setAdditive(false);
		events.setLevel(ch.qos.logback.classic.Level.INFO);
		AsyncConsoleAppender console = new AsyncConsoleAppender(startedEncoder(),
				new AsyncConsoleAppender.Settings(8192, true, Duration.ofSeconds(5)), OutputStream.nullOutputStream());
		console.setContext(this.context);
		console.setName("BENCH_CONSOLE");
		console.start();
		events.addAppender(console);
		if (this.sinks.contains("otlp")) {
			this.loggerProvider = SdkLoggerProvider.builder()
				.addLogRecordProcessor(BatchLogRecordProcessor.builder(new DiscardingExporter()).build())
				.build();
			OtlpLogAppender otlp = new OtlpLogAppender(0);
			otlp.setContext(this.context);
			otlp.setName("BENCH_OTLP");
			otlp.start();
			otlp.install(this.loggerProvider);
			events.addAppender(otlp);
		}
		this.filter = new RequestEventFilter(
				List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**", "/metrics"), List.of(),
				new RequestIdentity(null, null, null, null), Redactor.builder().build());
		this.request = new MockHttpServletRequest("GET", "/work");
		this.request.setRemoteAddr("127.0.0.1");
		this.request.addHeader("Host", "127.0.0.1:8080");
		this.request.addHeader("User-Agent", "wrk/4.1.0");
		this.request.addHeader("Accept", "*/*");
		MDC.put("traceId", TRACE_ID);
		MDC.put("spanId", SPAN_ID);
		check(new String(this.encoder.encode(this.accessEvent), StandardCharsets.UTF_8));
		this.encoder.encodeRequestEvent(this.requestEvent, this.line);
		check(this.line.toString());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		MDC.clear();
		this.context.getLogger("selfobs.http").detachAndStopAllAppenders();
		if (this.loggerProvider != null) {
			this.loggerProvider.close();
		}
		long dropped = ConsoleDrops.get().count(ConsoleDrops.Reason.QUEUE_FULL);
		if (dropped > 0) {
			throw new IllegalStateException(dropped + " console lines were dropped: the figures are not comparable");
		}
	}

	private ConsoleEcsEncoder startedEncoder() {
		ConsoleEcsEncoder encoder = new ConsoleEcsEncoder(new ch.qos.logback.classic.encoder.PatternLayoutEncoder());
		encoder.setContext(this.context);
		encoder.setServiceName("bench-app");
		encoder.setServiceVersion("0.1.0");
		encoder.setServiceEnvironment("bench");
		encoder.setServiceNodeName("c9668cbb-2b9a-4e4b-9a4e-0a6b54d3b0f1");
		encoder.start();
		return encoder;
	}

	/**
	 * An access event with the fields {@link RequestEventFilter} gives a
	 * {@code GET /work}, as a logback event.
	 */
	private LoggingEvent accessEvent() {
		LoggingEvent event = new LoggingEvent(RequestEventBenchmark.class.getName(),
				this.context.getLogger("selfobs.http.access"), ch.qos.logback.classic.Level.INFO, "{} {} {} ({} ms)",
				null, new Object[] { "GET", "/work", 200, 0L });
		event.setMDCPropertyMap(Map.of("traceId", TRACE_ID, "spanId", SPAN_ID));
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		fields.put("event.kind", "event");
		fields.put("event.category", List.of("web"));
		fields.put("event.type", List.of("access"));
		fields.put("http.request.method", "GET");
		fields.put("url.path", "/work");
		fields.put("trace.id", TRACE_ID);
		fields.put("span.id", SPAN_ID);
		fields.put("event.outcome", "success");
		fields.put("event.duration", 412_345L);
		fields.put("http.response.status_code", 200);
		fields.put("client.address", "127.0.0.1");
		fields.put("client.ip", "127.0.0.1");
		fields.put("user_agent.original", "wrk/4.1.0");
		fields.put("http.response.body.bytes", 45L);
		fields.forEach((key, value) -> event.addKeyValuePair(new KeyValuePair(key, value)));
		event.getFormattedMessage();
		return event;
	}

	private static void check(String line) {
		if (!line.contains("\"http.response.status_code\":200") || !line.contains("\"trace.id\":\"" + TRACE_ID)) {
			throw new IllegalStateException("Unexpected access event line: " + line);
		}
	}

	@Benchmark
	public byte[] encodeAccessEvent() {
		return this.encoder.encode(this.accessEvent);
	}

	@Benchmark
	public int encodeRequestEvent() {
		this.line.setLength(0);
		this.encoder.encodeRequestEvent(this.requestEvent, this.line);
		return this.line.length();
	}

	/**
	 * The mock exchange without the filter: subtract it from {@code filterRequest}.
	 */
	@Benchmark
	public int applicationAlone() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.application.doFilter(this.request, response);
		return response.getStatus();
	}

	@Benchmark
	public int filterRequest() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(this.request, response, this.application);
		return response.getStatus();
	}

	/**
	 * {@code filterRequest} as in an application with tracing: the request's span scope
	 * puts its ids into the MDC as it opens and removes them as it closes, so the MDC has
	 * changed since it was last read when the event is captured.
	 */
	@Benchmark
	public int filterRequestInSpanScope() throws IOException, ServletException {
		MDC.put("traceId", TRACE_ID);
		MDC.put("spanId", SPAN_ID);
		try {
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.filter.doFilter(this.request, response, this.application);
			return response.getStatus();
		}
		finally {
			MDC.remove("traceId");
			MDC.remove("spanId");
		}
	}

	/**
	 * Takes every batch and sends nothing.
	 */
	static final class DiscardingExporter implements LogRecordExporter {

		@Override
		public CompletableResultCode export(Collection<LogRecordData> logs) {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
