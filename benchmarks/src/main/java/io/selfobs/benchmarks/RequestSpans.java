package io.selfobs.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The finished spans one {@code GET /db/{id}} request leaves behind: a server span with
 * the HTTP semantic-convention attributes and a JDBC query span, none carrying a secret.
 */
final class RequestSpans {

	private RequestSpans() {
	}

	static List<SpanData> ofOneRequest() {
		List<SpanData> spans = new ArrayList<>();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(new Consuming(spans::addAll)))
			.build()) {
			Span server = tracerProvider.get("bench")
				.spanBuilder("GET /db/{id}")
				.setSpanKind(SpanKind.SERVER)
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
			Span query = tracerProvider.get("bench").spanBuilder("query").setSpanKind(SpanKind.CLIENT).startSpan();
			query.setAttribute("jdbc.datasource.name", "dataSource");
			query.setAttribute("jdbc.query[0]", "SELECT id, name FROM item WHERE id = ?");
			query.end();
			server.end();
		}
		return spans;
	}

	/**
	 * An exporter that hands each batch to a consumer.
	 */
	record Consuming(Consumer<Collection<SpanData>> consumer) implements SpanExporter {

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
