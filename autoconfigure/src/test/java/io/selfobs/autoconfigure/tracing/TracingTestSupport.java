package io.selfobs.autoconfigure.tracing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import static org.awaitility.Awaitility.await;

/**
 * Requests over real HTTP, span polling with a bounded wait, and log capture.
 */
final class TracingTestSupport {

	private static final HttpClient http = HttpClient.newHttpClient();

	private TracingTestSupport() {
	}

	static HttpResponse<String> get(int port, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Flush the export queue until the exported spans satisfy the condition: server spans
	 * end just after their response is sent, so they may arrive a moment after the client
	 * has its answer.
	 */
	static List<SpanData> awaitSpans(BatchSpanProcessor processor, CapturingSpanExporter exporter,
			Predicate<List<SpanData>> condition) {
		return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			processor.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
			return exporter.spans();
		}, condition);
	}

	static SpanData span(List<SpanData> spans, Predicate<SpanData> filter) {
		return spans.stream()
			.filter(filter)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No such span in "
					+ spans.stream().map((span) -> span.getName() + " " + span.getAttributes()).toList()));
	}

	static Predicate<SpanData> named(String name) {
		return (span) -> span.getName().equals(name);
	}

	static Predicate<SpanData> withPath(String path) {
		return (span) -> path.equals(span.getAttributes().get(AttributeKey.stringKey("url.path")));
	}

	static ListAppender<ILoggingEvent> captureLogs() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		((Logger) TracingTestApplication.logger).addAppender(appender);
		return appender;
	}

	static void stopCapturing(ListAppender<ILoggingEvent> appender) {
		((Logger) TracingTestApplication.logger).detachAppender(appender);
	}

	static Map<String, String> mdcOfFirst(ListAppender<ILoggingEvent> appender) {
		return appender.list.get(0).getMDCPropertyMap();
	}

}
