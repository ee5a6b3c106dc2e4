package io.selfobs.benchmarks;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.otlp.OtlpLogAppender;
import io.selfobs.autoconfigure.logging.internal.otlp.RedactingLogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

/**
 * The OTLP log record of one request event, alone: selfobs' OTLP appender hands the
 * captured facts to an SDK logger provider whose batch processor exports to nowhere. JMH
 * counts the allocation of every thread, so {@code gc.alloc.rate.norm} is the request
 * thread's part plus the batch worker's (the record's {@code LogRecordData}).
 * <ul>
 * <li>{@code path=logs-api}: the record built through the Logs API's
 * {@code LogRecordBuilder} (the SDK's attribute map on the request thread, copied again
 * by the batch processor on its worker), the path taken when the provider is not the
 * SDK's own.</li>
 * <li>{@code path=sdk}: the record holding the facts, its attributes built once on the
 * worker.</li>
 * </ul>
 * The records go through selfobs' redaction to an exporter that reads every attribute.
 * One operation appends a batch of {@value #BATCH} events and waits (spinning, without
 * allocating) until the worker has exported them, so the batch queue never overflows;
 * figures are per event. The teardown fails when a record was dropped anyway, since
 * unbuilt records would make the figure look cheaper than it is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(OtlpRequestEventBenchmark.BATCH)
public class OtlpRequestEventBenchmark {

	static final int BATCH = 256;

	private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			TraceFlags.getSampled(), TraceState.getDefault());

	@Param({ "logs-api", "sdk" })
	public String path;

	private final AtomicLong exported = new AtomicLong();

	private long emitted;

	private SdkLoggerProvider loggerProvider;

	private OtlpLogAppender appender;

	private RequestEvent event;

	private io.opentelemetry.context.Scope spanScope;

	@Setup(Level.Trial)
	public void setUp() {
		this.loggerProvider = SdkLoggerProvider.builder()
			.addLogRecordProcessor(BatchLogRecordProcessor
				.builder(
						new RedactingLogRecordExporter(new CountingExporter(this.exported), Redactor.builder().build()))
				.setMaxExportBatchSize(BATCH)
				.build())
			.build();
		this.appender = new OtlpLogAppender(0);
		this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.appender.start();
		SdkLoggerProvider sdk = this.loggerProvider;
		this.appender.install("sdk".equals(this.path) ? sdk : (LoggerProvider) sdk::loggerBuilder);
		this.event = new RequestEvent(Instant.now(), "http-nio-8080-exec-1",
				Map.of("traceId", SPAN.getTraceId(), "spanId", SPAN.getSpanId()), SPAN.getTraceId(), SPAN.getSpanId(),
				"GET", "/work", null, null, 200, 412_345L, "127.0.0.1", "wrk/4.1.0", null, null, -1, 45);
		this.spanScope = Context.root().with(Span.wrap(SPAN)).makeCurrent();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.spanScope.close();
		this.loggerProvider.forceFlush().join(30, TimeUnit.SECONDS);
		this.loggerProvider.close();
		long lost = this.emitted - this.exported.get();
		if (lost != 0) {
			throw new IllegalStateException(lost + " of " + this.emitted
					+ " records were not exported (batch queue full): the figures are not comparable");
		}
	}

	@Benchmark
	public long appendRequestEvent() {
		for (int i = 0; i < BATCH; i++) {
			this.appender.appendRequestEvent(this.event);
		}
		this.emitted += BATCH;
		while (this.exported.get() < this.emitted) {
			Thread.onSpinWait();
		}
		return this.emitted;
	}

	/**
	 * Counts every record and sends nothing.
	 */
	record CountingExporter(AtomicLong exported) implements LogRecordExporter {

		@Override
		public CompletableResultCode export(Collection<LogRecordData> logs) {
			for (LogRecordData log : logs) {
				// What an OTLP exporter reads
				log.getAttributes().forEach((key, value) -> Blackhole.consumeCPU(1));
				log.getBodyValue();
			}
			this.exported.addAndGet(logs.size());
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
