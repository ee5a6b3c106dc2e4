package io.selfobs.sample.pki.est;

import java.nio.file.Path;
import java.util.List;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.est.server.EstServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static io.selfobs.sample.pki.Traces.assertCaSignTree;
import static io.selfobs.sample.pki.Traces.attributeKeys;
import static io.selfobs.sample.pki.Traces.awaitCompleteTrace;
import static io.selfobs.sample.pki.Traces.awaitLog;
import static io.selfobs.sample.pki.Traces.descendsFrom;
import static io.selfobs.sample.pki.Traces.named;
import static io.selfobs.sample.pki.Traces.only;
import static io.selfobs.sample.pki.Traces.parent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One EST enrollment is one trace, exported over OTLP to the in-test receiver: with both
 * roles in one instance, the EST server span, its enrollment steps and, in process below
 * the enrollment, the CA's sign operation with its sub-steps and the crypto engine. The
 * structured log lines of the enrollment carry the same trace id. (The trace across the
 * HTTP hop of split roles is asserted by {@code SplitRolesTests}.)
 */
class EstTraceTests {

	private static final String TRACING = "io.selfobs.autoconfigure.tracing.OtelTracingAutoConfiguration";

	@TempDir
	Path dataDir;

	@Test
	void oneEnrollmentIsOneTraceWithTheCaSigningInProcess() throws Exception {
		assumeTrue(ClassUtils.isPresent(TRACING, null), "selfobs span export is not on the classpath yet");
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(PkiApplication.class).run(
						"--server.port=0", "--pki.est.port=0", "--pki.data-dir=" + this.dataDir,
						"--otel.traces.endpoint=" + receiver.httpEndpoint(), "--otel.traces.protocol=http/protobuf",
						"--otel.traces.export.schedule-delay=100ms",
						"--otel.logging.endpoint=" + receiver.httpEndpoint(), "--otel.logging.protocol=http/protobuf",
						"--otel.logging.export.schedule-delay=100ms", "--pki.outbox.worker-enabled=false")) {
			int estPort = app.getBean(EstServer.class).port();
			TestPki.est(estPort, this.dataDir, "demo", null)
				.simpleEnroll(false, TestPki.csr("traced-device", TestPki.ecKey()), null);

			List<Span> trace = awaitCompleteTrace(receiver, "est simpleenroll");
			Span enroll = named(trace, "est simpleenroll");

			Span estServer = only(trace, (span) -> span.getParentSpanId().isEmpty());
			assertThat(estServer.getKind()).as("the root is the EST server span")
				.isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
			assertThat(descendsFrom(trace, enroll, estServer)).isTrue();
			for (String step : List.of("est dms lookup", "est client authentication", "est csr parse",
					"est response encoding")) {
				assertThat(parent(trace, named(trace, step))).as(step).isEqualTo(enroll);
			}
			assertThat(trace).as("no HTTP hop to the CA of the same instance")
				.noneMatch(
						(span) -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT && span.getName().startsWith("POST"))
				.filteredOn((span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
				.containsExactly(estServer);
			assertThat(parent(trace, assertCaSignTree(trace))).as("ca sign runs in process below the enrollment")
				.isEqualTo(enroll);

			LogRecord issued = awaitLog(receiver, "Certificate issued");
			assertThat(issued.getTraceId()).as("the log line is in the enrollment's trace")
				.isEqualTo(enroll.getTraceId());
			assertThat(attributeKeys(issued)).contains("ca_id", "certificate_id", "subject_cn", "duration_ms");
			assertThat(awaitLog(receiver, "Device enrolled").getTraceId()).isEqualTo(enroll.getTraceId());
		}
	}

}
