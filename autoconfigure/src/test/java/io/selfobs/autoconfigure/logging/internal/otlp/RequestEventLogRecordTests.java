package io.selfobs.autoconfigure.logging.internal.otlp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.selfobs.autoconfigure.logging.CapturingLogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request event's record built on the batch processor's worker
 * ({@link RequestEventLogRecord}) against the record the Logs API builds from the same
 * facts: both exported by the SDK's own OTLP exporters, over both transports, to a real
 * receiver that decodes the official protobuf classes.
 */
class RequestEventLogRecordTests {

	private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			TraceFlags.getSampled(), TraceState.getDefault());

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void recordBuiltOnTheWorkerIsExportedExactlyAsTheLogsApiRecord(String protocol) {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			LogRecordExporter exporter = "grpc".equals(protocol)
					? OtlpGrpcLogRecordExporter.builder().setEndpoint(receiver.grpcEndpoint()).build()
					: OtlpHttpLogRecordExporter.builder().setEndpoint(receiver.httpEndpoint() + "/v1/logs").build();
			List<String> recordClasses = new CopyOnWriteArrayList<>();
			try (SdkLoggerProvider sdk = SdkLoggerProvider.builder()
				.setResource(Resource.builder().put("service.name", "events").build())
				.addLogRecordProcessor(recordClasses(recordClasses))
				.addLogRecordProcessor(BatchLogRecordProcessor
					.builder(new RedactingLogRecordExporter(exporter, Redactor.builder().build()))
					.setScheduleDelay(Duration.ofMillis(50))
					.build())
				.build()) {
				append(appender(logsApi(sdk)), event("/orders/42", "1"));
				append(appender(sdk), event("/orders/42", "2"));
				sdk.forceFlush().join(10, TimeUnit.SECONDS);
			}
			assertThat(recordClasses).containsExactly("SdkReadWriteLogRecord", "RequestEventLogRecord");
			List<LogRecord> records = receivedRecords(receiver, 2);
			LogRecord logsApi = records.stream()
				.filter((r) -> r.getBody().getStringValue().contains("/1"))
				.findFirst()
				.orElseThrow();
			LogRecord lazy = records.stream()
				.filter((r) -> r.getBody().getStringValue().contains("/2"))
				.findFirst()
				.orElseThrow();
			assertThat(lazy.getBody().getStringValue())
				.isEqualTo("GET /orders/42/2?page=2&token=[REDACTED] 200 (3 ms)");
			assertThat(withoutVariant(lazy)).isEqualTo(withoutVariant(logsApi));
			assertThat(lazy.getAttributesCount()).isEqualTo(24);
			// The SDK's attribute map counts a key given twice (trace.id as a field and
			// in
			// the MDC) as dropped; nothing is dropped here
			assertThat(logsApi.getDroppedAttributesCount()).isEqualTo(1);
			assertThat(lazy.getDroppedAttributesCount()).isZero();
			assertThat(lazy.getTraceId()).isEqualTo(logsApi.getTraceId());
			assertThat(lazy.getSpanId()).isEqualTo(logsApi.getSpanId());
			assertThat(lazy.getTimeUnixNano()).isEqualTo(logsApi.getTimeUnixNano());
			assertThat(lazy.getObservedTimeUnixNano()).isPositive();
			assertThat(receiver.logs().toString()).doesNotContain("hunter2");
		}
	}

	@Test
	void processorBeforeTheBatchOneReadsAndChangesWhatIsExported() {
		List<String> seen = new CopyOnWriteArrayList<>();
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		LogRecordProcessor tiering = (context, record) -> {
			seen.add(record.getAttribute(AttributeKey.stringKey("url.path")));
			seen.add(record.getBodyValue().asString());
			record.setAttribute(AttributeKey.stringKey("tenant.tier"), "gold");
			record.setAttribute(AttributeKey.stringKey("user_agent.original"), "replaced");
			seen.add(record.getAttribute(AttributeKey.stringKey("tenant.tier")));
		};
		try (SdkLoggerProvider sdk = SdkLoggerProvider.builder()
			.addLogRecordProcessor(tiering)
			.addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build())
			.build()) {
			append(appender(sdk), event("/orders/7", "3"));
			sdk.forceFlush().join(10, TimeUnit.SECONDS);
		}
		assertThat(seen).containsExactly("/orders/7/3", "GET /orders/7/3?page=2&token=hunter2 200 (3 ms)", "gold");
		assertThat(exporter.records()).singleElement().satisfies((record) -> {
			assertThat(record.getAttributes().asMap()).hasSize(25);
			assertThat(record.getAttributes().get(AttributeKey.stringKey("tenant.tier"))).isEqualTo("gold");
			assertThat(record.getAttributes().get(AttributeKey.stringKey("user_agent.original"))).isEqualTo("replaced");
			assertThat(record.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/orders/7/3");
		});
	}

	@Test
	void recordAProcessorChangedIsRedactedAsAnyRecord() {
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		LogRecordProcessor annotating = (context, record) -> record.setAttribute(AttributeKey.stringKey("support.note"),
				"called back with bearer abc123def456");
		try (SdkLoggerProvider sdk = SdkLoggerProvider.builder()
			.addLogRecordProcessor(annotating)
			.addLogRecordProcessor(BatchLogRecordProcessor
				.builder(new RedactingLogRecordExporter(exporter, Redactor.builder().build()))
				.build())
			.build()) {
			append(appender(sdk), event("/orders/7", "6"));
			sdk.forceFlush().join(10, TimeUnit.SECONDS);
		}
		assertThat(exporter.records()).singleElement().satisfies((record) -> {
			assertThat(record.getBodyValue().asString())
				.isEqualTo("GET /orders/7/6?page=2&token=[REDACTED] 200 (3 ms)");
			assertThat(record.getAttributes().asMap()).hasSize(25)
				.containsEntry(AttributeKey.stringKey("support.note"), "called back with bearer [REDACTED]")
				.containsEntry(AttributeKey.stringKey("password"), "[REDACTED]")
				.containsEntry(AttributeKey.stringKey("url.path"), "/orders/7/6");
		});
	}

	@Test
	void sdkAttributeLimitsApplyAsToTheSdksOwnRecords() {
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		try (SdkLoggerProvider sdk = SdkLoggerProvider.builder()
			.setLogLimits(() -> LogLimits.builder().setMaxNumberOfAttributes(5).setMaxAttributeValueLength(4).build())
			.addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build())
			.build()) {
			append(appender(sdk), event("/orders/7", "4"));
			sdk.forceFlush().join(10, TimeUnit.SECONDS);
		}
		assertThat(exporter.records()).singleElement().satisfies((record) -> {
			assertThat(record.getAttributes().size()).isEqualTo(5);
			assertThat(record.getTotalAttributeCount()).isEqualTo(24);
			record.getAttributes().forEach((key, value) -> {
				if (value instanceof String text) {
					assertThat(text).hasSizeLessThanOrEqualTo(4);
				}
			});
		});
	}

	@Test
	void disabledProviderEmitsNothing() {
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		SdkLoggerProvider sdk = SdkLoggerProvider.builder()
			.addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build())
			.build();
		OtlpLogAppender appender = appender(sdk);
		sdk.shutdown().join(10, TimeUnit.SECONDS);
		append(appender, event("/orders/7", "5"));
		assertThat(exporter.records()).isEmpty();
	}

	private static LoggerProvider logsApi(SdkLoggerProvider sdk) {
		return sdk::loggerBuilder;
	}

	private static OtlpLogAppender appender(LoggerProvider provider) {
		OtlpLogAppender appender = new OtlpLogAppender(0);
		appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		appender.start();
		appender.install(provider);
		return appender;
	}

	private static RequestEvent event(String path, String suffix) {
		return new RequestEvent(Instant.ofEpochSecond(1_800_000_000L, 123_456_789), "http-nio-8080-exec-1",
				Map.of("traceId", SPAN.getTraceId(), "spanId", SPAN.getSpanId(), "trace.id", SPAN.getTraceId(),
						"tenant", "acme", "password", "hunter2"),
				SPAN.getTraceId(), SPAN.getSpanId(), "GET", path + "/" + suffix, "page=2&token=hunter2",
				Map.of("x-request-id", "r-1"), 200, 3_456_789L, "10.0.0.1", "curl/8.5.0", "alice", "org-1", -1, 45);
	}

	/**
	 * Append with the request's span current, as on a request thread.
	 */
	private static void append(OtlpLogAppender appender, RequestEvent event) {
		try (Scope scope = Context.root().with(Span.wrap(SPAN)).makeCurrent()) {
			appender.appendRequestEvent(event);
		}
	}

	private static LogRecordProcessor recordClasses(List<String> classes) {
		return (context, record) -> classes.add(record.getClass().getSimpleName());
	}

	private static List<LogRecord> receivedRecords(OtlpReceiver receiver, int count) {
		receiver.await(ExportLogsServiceRequest.class, (request) -> records(receiver.logs()).size() >= count,
				Duration.ofSeconds(20));
		return records(receiver.logs());
	}

	private static List<LogRecord> records(List<ExportLogsServiceRequest> requests) {
		return requests.stream()
			.flatMap((request) -> request.getResourceLogsList().stream())
			.map(ResourceLogs::getScopeLogsList)
			.flatMap(List::stream)
			.filter((scope) -> RequestEvent.ACCESS_LOGGER.equals(scope.getScope().getName()))
			.map(ScopeLogs::getLogRecordsList)
			.flatMap(List::stream)
			.toList();
	}

	/**
	 * The record without what differs by construction: the path suffix in the body and
	 * {@code url.path}, the observed timestamp, and the dropped attribute count.
	 */
	private static LogRecord withoutVariant(LogRecord record) {
		LogRecord.Builder builder = record.toBuilder()
			.clearObservedTimeUnixNano()
			.clearBody()
			.clearDroppedAttributesCount();
		for (int i = 0; i < builder.getAttributesCount(); i++) {
			if (builder.getAttributes(i).getKey().equals("url.path")) {
				builder.removeAttributes(i);
				break;
			}
		}
		return builder.build();
	}

}
