package io.selfobs.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import io.selfobs.autoconfigure.logging.internal.RequestEventFilter;
import io.selfobs.autoconfigure.logging.internal.RequestIdentity;
import io.selfobs.autoconfigure.logging.internal.SelfobsEcsEncoder;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * Cost of the request event selfobs writes for every HTTP request, with the default redaction rules:
 * {@code encodeAccessEvent} is the ECS console encoding alone ({@link SelfobsEcsEncoder} on an access event as
 * the filter builds it), {@code filterRequest} the whole {@link RequestEventFilter} around a request that
 * writes a small body, with the ECS line encoded to a discarding stream.
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

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private SelfobsEcsEncoder encoder;

	private LoggingEvent accessEvent;

	private RequestEventFilter filter;

	private MockHttpServletRequest request;

	private final FilterChain application = (request, response) -> response.getOutputStream().write(BODY);

	@Setup(Level.Trial)
	public void setUp() {
		this.encoder = startedEncoder();
		this.accessEvent = accessEvent();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(this.context);
		appender.setEncoder(startedEncoder());
		appender.setOutputStream(OutputStream.nullOutputStream());
		appender.start();
		Logger events = this.context.getLogger("selfobs.http");
		events.setAdditive(false);
		events.setLevel(ch.qos.logback.classic.Level.INFO);
		events.addAppender(appender);
		this.filter = new RequestEventFilter(List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**",
				"/metrics"), List.of(), new RequestIdentity(null, null, null, null), Redactor.builder().build());
		this.request = new MockHttpServletRequest("GET", "/work");
		this.request.setRemoteAddr("127.0.0.1");
		this.request.addHeader("Host", "127.0.0.1:8080");
		this.request.addHeader("User-Agent", "wrk/4.1.0");
		this.request.addHeader("Accept", "*/*");
		MDC.put("traceId", TRACE_ID);
		MDC.put("spanId", SPAN_ID);
		check(new String(this.encoder.encode(this.accessEvent), StandardCharsets.UTF_8));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		MDC.clear();
		this.context.getLogger("selfobs.http").detachAndStopAllAppenders();
	}

	private SelfobsEcsEncoder startedEncoder() {
		SelfobsEcsEncoder encoder = new SelfobsEcsEncoder(null);
		encoder.setContext(this.context);
		encoder.setServiceName("bench-app");
		encoder.setServiceVersion("0.1.0");
		encoder.setServiceEnvironment("bench");
		encoder.setServiceNodeName("c9668cbb-2b9a-4e4b-9a4e-0a6b54d3b0f1");
		encoder.start();
		return encoder;
	}

	/**
	 * An access event with the fields {@link RequestEventFilter} gives a {@code GET /work}.
	 */
	private LoggingEvent accessEvent() {
		LoggingEvent event = new LoggingEvent(RequestEventBenchmark.class.getName(),
				this.context.getLogger("selfobs.http.access"), ch.qos.logback.classic.Level.INFO,
				"{} {} {} ({} ms)", null, new Object[] { "GET", "/work", 200, 0L });
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
	public int filterRequest() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(this.request, response, this.application);
		return response.getStatus();
	}

}
