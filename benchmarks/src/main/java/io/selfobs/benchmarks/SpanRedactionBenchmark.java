package io.selfobs.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of redacting finished spans on the export thread: one batch of what a {@code GET /db/{id}} request leaves
 * behind (a server span with the HTTP semantic-convention attributes and a JDBC query span), none of them carrying
 * a secret, passed through the {@link RedactingSpanExporter} to an exporter that only consumes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpanRedactionBenchmark {

	private final List<SpanData> batch = new ArrayList<>();

	private RedactingSpanExporter exporter;

	private SdkTracerProvider tracerProvider;

	@Setup
	public void createSpans(Blackhole blackhole) {
		this.tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(new Consuming(this.batch::addAll)))
			.build();
		Span server = this.tracerProvider.get("bench").spanBuilder("GET /db/{id}").setSpanKind(SpanKind.SERVER)
			.startSpan();
		server.setAttribute("http.request.method", "GET");
		server.setAttribute("http.route", "/db/{id}");
		server.setAttribute("url.path", "/db/42");
		server.setAttribute("url.scheme", "http");
		server.setAttribute("server.address", "127.0.0.1");
		server.setAttribute("server.port", 8080L);
		server.setAttribute("client.address", "127.0.0.1");
		server.setAttribute("user_agent.original", "wrk/4.1.0");
		server.setAttribute("http.response.status_code", 200L);
		Span query = this.tracerProvider.get("bench").spanBuilder("query").setSpanKind(SpanKind.CLIENT).startSpan();
		query.setAttribute("jdbc.datasource.name", "dataSource");
		query.setAttribute("jdbc.query[0]", "SELECT id, name FROM item WHERE id = ?");
		query.end();
		server.end();
		this.exporter = new RedactingSpanExporter(new Consuming(blackhole::consume), Redactor.builder().build());
	}

	@TearDown
	public void close() {
		this.tracerProvider.close();
	}

	@Benchmark
	public CompletableResultCode redactCleanBatch() {
		return this.exporter.export(this.batch);
	}

	private record Consuming(java.util.function.Consumer<Collection<SpanData>> consumer) implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.consumer.accept(spans);
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
