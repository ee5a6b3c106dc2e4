package io.selfobs.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.tracing.internal.RedactingSpanExporter;
import io.selfobs.autoconfigure.tracing.internal.SpanExportChain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the span worker does with one request's spans before they reach the network:
 * redaction, the span exporter chain Spring Boot builds (predicates, filters, reporters)
 * and the OTLP protobuf encoding into a discarding stream, as the OTLP exporter in its
 * low-allocation memory mode does. {@code chain}:
 * <ul>
 * <li>{@code micrometer}: Micrometer Tracing's {@code CompositeSpanExporter} with no
 * predicate, filter or reporter, as Spring Boot wires it;</li>
 * <li>{@code selfobs}: {@link SpanExportChain}, which passes the spans through when there
 * is nothing to apply.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpanExportBenchmark {

	@Param({ "micrometer", "selfobs" })
	public String chain;

	private List<SpanData> batch;

	private SpanExporter exporter;

	@Setup
	public void setUp() {
		this.batch = RequestSpans.ofOneRequest();
		SpanExporter otlp = new RequestSpans.Consuming(SpanExportBenchmark::encode);
		SpanExporter chained = this.chain.equals("micrometer")
				? new CompositeSpanExporter(List.of(otlp), List.of(), List.of(), List.of())
				: SpanExportChain.of(List.of(otlp), List.of(), List.of(), List.of());
		this.exporter = new RedactingSpanExporter(chained, Redactor.builder().build());
	}

	private static final LowAllocationTraceRequestMarshaler MARSHALER = new LowAllocationTraceRequestMarshaler();

	private static void encode(Collection<SpanData> spans) {
		MARSHALER.initialize(spans);
		try {
			MARSHALER.writeBinaryTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			MARSHALER.reset();
		}
	}

	@Benchmark
	public Object exportOneRequestsSpans() {
		return this.exporter.export(this.batch);
	}

}
