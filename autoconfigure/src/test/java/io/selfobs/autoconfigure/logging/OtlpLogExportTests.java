package io.selfobs.autoconfigure.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log records reach a real OTLP receiver over both transports, without any logback XML:
 * records from before the context finished starting are replayed, and records carry
 * severity, logger name, trace context, key/value attributes and the service resource,
 * redacted.
 */
class OtlpLogExportTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void logsArriveOverOtlpIncludingStartupRecords(String protocol) throws Exception {
		EcsConsoleScenarioTests.freshLoggingSystem();
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			String endpoint = "grpc".equals(protocol) ? receiver.grpcEndpoint() : receiver.httpEndpoint();
			try (ConfigurableApplicationContext context = EcsConsoleScenarioTests
				.application("otel.logging.endpoint=" + endpoint, "otel.logging.protocol=" + protocol,
						"otel.logging.export.schedule-delay=100ms")
				.run()) {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest
						.newBuilder(URI
							.create("http://localhost:" + EcsConsoleScenarioTests.port(context) + "/hello?name=otlp"))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);

				// Logged by SpringApplication before the context (and so the SDK) exists
				LogRecord startup = awaitRecord(receiver, null,
						(body) -> body.startsWith("Starting ") && body.contains(" using Java "));
				assertThat(startup.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);

				LogRecord issued = awaitRecord(receiver, "io.selfobs.test.Certificates", "Certificate issued");
				assertThat(issued.getBody().getStringValue()).isEqualTo("Certificate issued for otlp with [REDACTED]");
				assertThat(issued.getSeverityText()).isEqualTo("INFO");
				assertThat(issued.getTraceId().size()).isEqualTo(16);
				assertThat(issued.getSpanId().size()).isEqualTo(8);
				assertThat(attribute(issued, "ca_id")).map(AnyValue::getStringValue).contains("ca-1");
				assertThat(attribute(issued, "duration_ms")).map(AnyValue::getIntValue).contains(42L);
				assertThat(attribute(issued, "approved")).map(AnyValue::getBoolValue).contains(true);
				assertThat(attribute(issued, "subject_cn")).map(AnyValue::getStringValue).contains("cn-[REDACTED]");
				assertThat(attribute(issued, "tenant")).isPresent();

				LogRecord access = awaitRecord(receiver, "selfobs.http.access", "GET /hello");
				assertThat(access.getTraceId()).isEqualTo(issued.getTraceId());
				assertThat(attribute(access, "http.response.status_code")).map(AnyValue::getIntValue).contains(200L);
				assertThat(HexFormat.of().formatHex(access.getTraceId().toByteArray()))
					.isEqualTo(attribute(access, "trace.id").map(AnyValue::getStringValue).orElseThrow());

				ExportLogsServiceRequest request = receiver.logs().get(0);
				assertThat(request.getResourceLogs(0).getResource().getAttributesList()).anySatisfy((kv) -> {
					assertThat(kv.getKey()).isEqualTo("service.name");
					assertThat(kv.getValue().getStringValue()).isEqualTo("logging-scenario");
				});
				assertThat(receiver.logs().toString()).doesNotContain("secret");
			}
		}
	}

	@Test
	void applicationLogRecordProcessorReadsAndChangesTheAccessRecordBeforeExport() throws Exception {
		EcsConsoleScenarioTests.freshLoggingSystem();
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			try (ConfigurableApplicationContext context = EcsConsoleScenarioTests
				.application("otel.logging.endpoint=" + receiver.httpEndpoint(),
						"otel.logging.export.schedule-delay=100ms")
				.sources(TieringProcessorConfiguration.class)
				.run()) {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest
						.newBuilder(URI
							.create("http://localhost:" + EcsConsoleScenarioTests.port(context) + "/hello?name=tier"))
						.header("User-Agent", "tier-client")
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);

				LogRecord access = awaitRecord(receiver, "selfobs.http.access", "GET /hello?name=tier");
				TieringProcessor processor = context.getBean(TieringProcessor.class);
				assertThat(processor.seen).containsExactly("/hello", "GET /hello?name=tier 200", "tier-client");
				assertThat(attribute(access, "tenant.tier")).map(AnyValue::getStringValue).contains("gold");
				assertThat(attribute(access, "user_agent.original")).map(AnyValue::getStringValue).contains("replaced");
				assertThat(attribute(access, "url.path")).map(AnyValue::getStringValue).contains("/hello");
				assertThat(attribute(access, "http.response.status_code")).map(AnyValue::getIntValue).contains(200L);
				assertThat(attribute(access, "trace.id")).map(AnyValue::getStringValue)
					.contains(HexFormat.of().formatHex(access.getTraceId().toByteArray()));
				// the record built on the export worker, not the Logs API's
				assertThat(processor.recordClass).isEqualTo("RequestEventLogRecord");
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TieringProcessorConfiguration {

		@Bean
		@Order(0)
		TieringProcessor tieringProcessor() {
			return new TieringProcessor();
		}

	}

	/**
	 * An application's processor, before the export one: reads the access record and
	 * changes two attributes.
	 */
	static class TieringProcessor implements LogRecordProcessor {

		final List<String> seen = new CopyOnWriteArrayList<>();

		volatile String recordClass;

		@Override
		public void onEmit(Context context, ReadWriteLogRecord record) {
			if (!"selfobs.http.access".equals(record.getInstrumentationScopeInfo().getName())) {
				return;
			}
			this.recordClass = record.getClass().getSimpleName();
			this.seen.add(record.getAttribute(AttributeKey.stringKey("url.path")));
			String body = record.getBodyValue().asString();
			this.seen.add(body.substring(0, body.indexOf(" (")));
			this.seen.add(record.getAttribute(AttributeKey.stringKey("user_agent.original")));
			record.setAttribute(AttributeKey.stringKey("tenant.tier"), "gold");
			record.setAttribute(AttributeKey.stringKey("user_agent.original"), "replaced");
		}

	}

	private static LogRecord awaitRecord(OtlpReceiver receiver, String scope, String bodyStart) {
		return awaitRecord(receiver, scope, (body) -> body.startsWith(bodyStart));
	}

	private static LogRecord awaitRecord(OtlpReceiver receiver, String scope, Predicate<String> body) {
		receiver.await(ExportLogsServiceRequest.class, (request) -> find(request, scope, body).isPresent(), WAIT);
		return receiver.logs()
			.stream()
			.map((request) -> find(request, scope, body))
			.flatMap(Optional::stream)
			.findFirst()
			.orElseThrow();
	}

	private static Optional<LogRecord> find(ExportLogsServiceRequest request, String scope, Predicate<String> body) {
		return request.getResourceLogsList()
			.stream()
			.flatMap((resource) -> resource.getScopeLogsList().stream())
			.filter((scopeLogs) -> scope == null || scope.equals(scopeLogs.getScope().getName()))
			.map(ScopeLogs::getLogRecordsList)
			.flatMap(List::stream)
			.filter((record) -> body.test(record.getBody().getStringValue()))
			.findFirst();
	}

	private static Optional<AnyValue> attribute(LogRecord record, String key) {
		return record.getAttributesList()
			.stream()
			.filter((kv) -> key.equals(kv.getKey()))
			.map(KeyValue::getValue)
			.findFirst();
	}

}
