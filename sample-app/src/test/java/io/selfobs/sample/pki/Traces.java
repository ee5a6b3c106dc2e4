package io.selfobs.sample.pki;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading spans and log records the in-test OTLP receiver decoded, waiting a bounded time
 * for them.
 */
public final class Traces {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private Traces() {
	}

	/**
	 * The trace of the span with the given name once it is complete: a single root, and
	 * every other span's parent exported (server spans end, and are exported, after their
	 * children).
	 * @param receiver the receiver
	 * @param name the name of a span of the trace
	 * @return the spans of the trace
	 */
	public static List<Span> awaitCompleteTrace(OtlpReceiver receiver, String name) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			List<Span> spans = spans(receiver);
			Optional<Span> anchor = spans.stream().filter((span) -> span.getName().equals(name)).findFirst();
			if (anchor.isPresent()) {
				List<Span> trace = spans.stream()
					.filter((span) -> span.getTraceId().equals(anchor.get().getTraceId()))
					.toList();
				if (trace.stream()
					.allMatch((span) -> span.getParentSpanId().isEmpty() || parentOf(trace, span).isPresent())
						&& trace.stream().filter((span) -> span.getParentSpanId().isEmpty()).count() == 1) {
					return trace;
				}
			}
			assertThat(System.nanoTime())
				.as("trace of %s exported within %s, got %s", name, WAIT, spans.stream().map(Span::getName).toList())
				.isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	public static LogRecord awaitLog(OtlpReceiver receiver, String body) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			Optional<LogRecord> found = logs(receiver)
				.filter((record) -> record.getBody().getStringValue().equals(body))
				.findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			assertThat(System.nanoTime()).as("log '%s' exported within %s", body, WAIT).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	public static List<Span> spans(OtlpReceiver receiver) {
		return receiver.traces()
			.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream())
			.toList();
	}

	public static Stream<LogRecord> logs(OtlpReceiver receiver) {
		return receiver.logs()
			.stream()
			.flatMap((request) -> request.getResourceLogsList().stream())
			.flatMap((resource) -> resource.getScopeLogsList().stream())
			.flatMap((scope) -> scope.getLogRecordsList().stream());
	}

	public static List<String> attributeKeys(LogRecord record) {
		return record.getAttributesList().stream().map(KeyValue::getKey).toList();
	}

	public static Span named(List<Span> spans, String name) {
		return only(spans, (span) -> span.getName().equals(name));
	}

	public static Span only(List<Span> spans, Predicate<Span> condition) {
		List<Span> matching = spans.stream().filter(condition).toList();
		assertThat(matching).as("matching spans among %s", spans.stream().map(Span::getName).toList()).hasSize(1);
		return matching.get(0);
	}

	public static Span parent(List<Span> spans, Span span) {
		return parentOf(spans, span)
			.orElseThrow(() -> new AssertionError(span.getName() + " has no parent in the trace"));
	}

	public static Optional<Span> parentOf(List<Span> spans, Span span) {
		Map<ByteString, Span> byId = spans.stream().collect(Collectors.toMap(Span::getSpanId, (s) -> s, (a, b) -> a));
		return Optional.ofNullable(byId.get(span.getParentSpanId()));
	}

	public static boolean descendsFrom(List<Span> spans, Span span, Span ancestor) {
		for (Optional<Span> current = parentOf(spans, span); current
			.isPresent(); current = parentOf(spans, current.get())) {
			if (current.get().equals(ancestor)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Assert the sign operation's sub-steps are its children, as in every deployment.
	 * @param trace the spans of the trace
	 * @return the {@code ca sign} span
	 */
	public static Span assertCaSignTree(List<Span> trace) {
		Span sign = named(trace, "ca sign");
		for (String step : List.of("ca sign csr validation", "ca sign ca status check", "crypto sign",
				"ca sign certificate store", "ca sign event publish")) {
			assertThat(parent(trace, named(trace, step))).as(step).isEqualTo(sign);
		}
		assertThat(parent(trace, named(trace, "crypto key load"))).isEqualTo(named(trace, "crypto sign"));
		return sign;
	}

}
