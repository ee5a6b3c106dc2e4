package io.selfobs.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.selfobs.autoconfigure.otlp.OtlpBatchSettings;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.internal.ExportQueue;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * What one span refused by a full export queue costs the request thread that ended it:
 * the batch processor reports the drop to its {@code processedSpans} counter
 * ({@code dropped=true}), which {@link ExportQueue} turns into
 * {@code selfobs.export.dropped{reason="queue_full"}} and a throttled warning. A service
 * past its export capacity drops thousands of spans a second, on its busiest threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueFullDropBenchmark {

	private static final Attributes DROPPED = Attributes.of(AttributeKey.stringKey("processorType"),
			"BatchSpanProcessor", AttributeKey.booleanKey("dropped"), true);

	private LongCounter processedSpans;

	@Setup
	public void setUp() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory(
				Map.of("meterRegistry", new SimpleMeterRegistry()));
		OtlpExportTelemetry telemetry = new OtlpExportTelemetry(beans.getBeanProvider(MeterRegistry.class));
		AtomicReference<MeterProvider> meterProvider = new AtomicReference<>();
		new ExportQueue((size) -> {
		}, (size) -> {
		}, (delay) -> {
		}, (timeout) -> {
		}, meterProvider::set).configure(new OtlpBatchSettings(Duration.ofSeconds(5)), Duration.ofSeconds(10),
				OtlpSignal.TRACES, "http/protobuf", telemetry);
		this.processedSpans = meterProvider.get()
			.get("io.opentelemetry.sdk.trace")
			.counterBuilder("processedSpans")
			.build();
	}

	@Benchmark
	public void spanDroppedQueueFull() {
		this.processedSpans.add(1, DROPPED);
	}

}
