package io.selfobs.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.tracing.internal.RedactingSpanExporter;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of redacting finished spans on the export thread: one batch of what a {@code GET
 * /db/{id}} request leaves behind (a server span with the HTTP semantic-convention
 * attributes and a JDBC query span), none of them carrying a secret, passed through the
 * {@link RedactingSpanExporter} to an exporter that only consumes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpanRedactionBenchmark {

	private List<SpanData> batch;

	private RedactingSpanExporter exporter;

	@Setup
	public void createSpans(Blackhole blackhole) {
		this.batch = RequestSpans.ofOneRequest();
		this.exporter = new RedactingSpanExporter(new RequestSpans.Consuming(blackhole::consume),
				Redactor.builder().build());
	}

	@Benchmark
	public CompletableResultCode redactCleanBatch() {
		return this.exporter.export(this.batch);
	}

}
