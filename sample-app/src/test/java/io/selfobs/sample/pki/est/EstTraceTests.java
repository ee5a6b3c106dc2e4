package io.selfobs.sample.pki.est;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One EST enrollment is one trace, exported over OTLP to the in-test receiver: the EST server span, its
 * enrollment steps, the HTTP client call to the CA and, across that hop, the CA's server span with the sign
 * sub-steps and the crypto engine. The structured log lines of the enrollment carry the same trace id.
 */
class EstTraceTests {

	private static final String TRACING = "io.selfobs.autoconfigure.tracing.OtelTracingAutoConfiguration";

	@TempDir
	Path dataDir;

	@Test
	void oneEnrollmentIsOneTraceAcrossTheHttpHopToTheCa() throws Exception {
		assumeTrue(ClassUtils.isPresent(TRACING, null), "selfobs span export is not on the classpath yet");
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(PkiApplication.class).run(
						"--server.port=0", "--pki.est.port=0", "--pki.data-dir=" + this.dataDir,
						"--otel.traces.endpoint=" + receiver.httpEndpoint(), "--otel.traces.protocol=http/protobuf",
						"--otel.traces.export.schedule-delay=100ms", "--otel.logging.endpoint=" + receiver.httpEndpoint(),
						"--otel.logging.protocol=http/protobuf", "--otel.logging.export.schedule-delay=100ms",
						"--pki.outbox.worker-enabled=false")) {
			int estPort = app.getBean(EstServer.class).port();
			TestPki.est(estPort, this.dataDir, "demo", null)
				.simpleEnroll(false, TestPki.csr("traced-device", TestPki.ecKey()), null);

			List<Span> trace = awaitCompleteTrace(receiver, "est simpleenroll");
			Span enroll = named(trace, "est simpleenroll");

			Span estServer = only(trace, (span) -> span.getParentSpanId().isEmpty());
			assertThat(estServer.getKind()).as("the root is the EST server span").isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
			assertThat(descendsFrom(trace, enroll, estServer)).isTrue();
			for (String step : List.of("est dms lookup", "est client authentication", "est csr parse",
					"est response encoding")) {
				assertThat(parent(trace, named(trace, step))).as(step).isEqualTo(enroll);
			}
			Span caCall = only(trace, (span) -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT
					&& span.getName().startsWith("POST ") && descendsFrom(trace, span, enroll));
			assertThat(parent(trace, caCall)).isEqualTo(enroll);
			Span caServer = only(trace, (span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
					&& parentOf(trace, span).filter(caCall::equals).isPresent());
			Span sign = named(trace, "ca sign");
			assertThat(descendsFrom(trace, sign, caServer)).as("ca sign runs in the CA's server span").isTrue();
			for (String step : List.of("ca sign csr validation", "ca sign ca status check", "crypto sign",
					"ca sign certificate store", "ca sign event publish")) {
				assertThat(parent(trace, named(trace, step))).as(step).isEqualTo(sign);
			}
			assertThat(parent(trace, named(trace, "crypto key load"))).isEqualTo(named(trace, "crypto sign"));

			LogRecord issued = awaitLog(receiver, "Certificate issued");
			assertThat(issued.getTraceId()).as("the log line is in the enrollment's trace").isEqualTo(enroll.getTraceId());
			assertThat(attributeKeys(issued)).contains("ca_id", "certificate_id", "subject_cn", "duration_ms");
			assertThat(awaitLog(receiver, "Device enrolled").getTraceId()).isEqualTo(enroll.getTraceId());
		}
	}

	private static LogRecord awaitLog(OtlpReceiver receiver, String body) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			Optional<LogRecord> found = receiver.logs()
				.stream()
				.flatMap((request) -> request.getResourceLogsList().stream())
				.flatMap((resource) -> resource.getScopeLogsList().stream())
				.flatMap((scope) -> scope.getLogRecordsList().stream())
				.filter((record) -> record.getBody().getStringValue().equals(body))
				.findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			assertThat(System.nanoTime()).as("log '%s' exported within 30s", body).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static List<String> attributeKeys(LogRecord record) {
		return record.getAttributesList().stream().map(KeyValue::getKey).toList();
	}

	/**
	 * The trace of the span with the given name once it is complete: a single root, and every other span's parent
	 * exported (server spans end, and are exported, after their children).
	 */
	private static List<Span> awaitCompleteTrace(OtlpReceiver receiver, String name) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			List<Span> spans = spans(receiver);
			Optional<Span> anchor = spans.stream().filter((span) -> span.getName().equals(name)).findFirst();
			if (anchor.isPresent()) {
				List<Span> trace = spans.stream()
					.filter((span) -> span.getTraceId().equals(anchor.get().getTraceId()))
					.toList();
				if (trace.stream().allMatch((span) -> span.getParentSpanId().isEmpty() || parentOf(trace, span).isPresent())
						&& trace.stream().filter((span) -> span.getParentSpanId().isEmpty()).count() == 1) {
					return trace;
				}
			}
			assertThat(System.nanoTime()).as("trace of %s exported within 30s, got %s", name,
					spans.stream().map(Span::getName).toList()).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static List<Span> spans(OtlpReceiver receiver) {
		return receiver.traces()
			.stream()
			.flatMap((request) -> request.getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream())
			.toList();
	}

	private static Span named(List<Span> spans, String name) {
		return only(spans, (span) -> span.getName().equals(name));
	}

	private static Span only(List<Span> spans, Predicate<Span> condition) {
		List<Span> matching = spans.stream().filter(condition).toList();
		assertThat(matching).as("matching spans among %s", spans.stream().map(Span::getName).toList()).hasSize(1);
		return matching.get(0);
	}

	private static Span parent(List<Span> spans, Span span) {
		return parentOf(spans, span).orElseThrow(() -> new AssertionError(span.getName() + " has no parent in the trace"));
	}

	private static Optional<Span> parentOf(List<Span> spans, Span span) {
		Map<com.google.protobuf.ByteString, Span> byId = spans.stream()
			.collect(Collectors.toMap(Span::getSpanId, (s) -> s, (a, b) -> a));
		return Optional.ofNullable(byId.get(span.getParentSpanId()));
	}

	private static boolean descendsFrom(List<Span> spans, Span span, Span ancestor) {
		for (Optional<Span> current = parentOf(spans, span); current.isPresent();
				current = parentOf(spans, current.get())) {
			if (current.get().equals(ancestor)) {
				return true;
			}
		}
		return false;
	}

}
