package io.selfobs.autoconfigure.logging;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.logging.internal.console.ConsoleDrops;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.internal.OtlpExporters.OtlpLogRecordExporter;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.RedactionCanaries;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class OtelLoggingAutoConfigurationTests {

	private static final String MASK = "[REDACTED]";

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpAutoConfiguration.class, RedactionAutoConfiguration.class,
				OtelLoggingAutoConfiguration.class));

	private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(OtlpAutoConfiguration.class, RedactionAutoConfiguration.class, OtelLoggingAutoConfiguration.class));

	private final ApplicationContextRunner withBootSdk = this.plain.withConfiguration(AutoConfigurations
		.of(OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class));

	@Test
	void webApplicationGetsTheRequestEventFilterInsideTheObservationFilter() {
		this.web.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("selfobsRequestEventFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(OtelLoggingAutoConfiguration.REQUEST_EVENT_FILTER_ORDER)
				.isGreaterThan(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
		});
	}

	@Test
	void requestEventsCanBeSwitchedOff() {
		this.web.withPropertyValues("otel.logging.request-events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("selfobsRequestEventFilter"));
	}

	@Test
	void nonWebApplicationHasNoRequestEventFilter() {
		this.plain.run((context) -> assertThat(context).doesNotHaveBean("selfobsRequestEventFilter"));
	}

	@Test
	void userFilterNamedLikeOursReplacesIt() {
		this.web.withBean("selfobsRequestEventFilter", FilterRegistrationBean.class, FilterRegistrationBean::new)
			.run((context) -> assertThat(
					context.getBean("selfobsRequestEventFilter", FilterRegistrationBean.class).getFilter())
				.isNull());
	}

	@Test
	void logsAreNotExportedWithoutADestination() {
		this.plain.run((context) -> assertThat(context).doesNotHaveBean(OtlpLogRecordExporter.class)
			.doesNotHaveBean("selfobsOpenTelemetryAppenderInstallation"));
	}

	@Test
	void logsAreExportedWhenADestinationIsConfigured() {
		this.plain.withPropertyValues("otel.logging.endpoint=http://localhost:1/v1/logs")
			.run((context) -> assertThat(context).hasSingleBean(LogRecordProcessor.class)
				.hasBean("selfobsOpenTelemetryAppenderInstallation"));
	}

	@Test
	void explicitlyDisabledLogsAreNotExported() {
		this.plain.withPropertyValues("otel.logging.endpoint=http://localhost:1", "otel.logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpLogRecordExporter.class)
				.doesNotHaveBean("selfobsOpenTelemetryAppenderInstallation"));
	}

	@Test
	void springBootsLogProcessorBacksOffSoSelfobsRunsTheOnlyLogProcessorAndWorker() {
		long workersBefore = batchLogRecordWorkers();
		this.withBootSdk.withPropertyValues("otel.logging.endpoint=http://localhost:1/v1/logs").run((context) -> {
			assertThat(context).hasSingleBean(LogRecordProcessor.class)
				.hasBean("selfobsLogRecordProcessor")
				.doesNotHaveBean("openTelemetryBatchLogRecordProcessor")
				.hasSingleBean(OtlpLogRecordExporter.class);
			assertThat(context.getBean(SdkLoggerProvider.class).toString()).containsOnlyOnce("BatchLogRecordProcessor");
			assertThat(batchLogRecordWorkers() - workersBefore).isLessThanOrEqualTo(1);
		});
	}

	@Test
	void withoutLogExportSpringBootsProcessorStillBacksOffSoOneLogProcessorIdles() {
		long workersBefore = batchLogRecordWorkers();
		this.withBootSdk.run((context) -> {
			assertThat(context).hasSingleBean(SdkLoggerProvider.class)
				.hasSingleBean(LogRecordProcessor.class)
				.hasBean("selfobsLogRecordProcessor")
				.doesNotHaveBean("openTelemetryBatchLogRecordProcessor")
				.doesNotHaveBean(OtlpLogRecordExporter.class);
			assertThat(batchLogRecordWorkers() - workersBefore).isLessThanOrEqualTo(1);
		});
	}

	@Test
	void aUserBatchLogRecordProcessorReplacesThePipelineAndSpringBootsProcessor() {
		this.withBootSdk.withPropertyValues("otel.logging.endpoint=http://localhost:1/v1/logs")
			.withBean("userLogRecordProcessor", BatchLogRecordProcessor.class,
					() -> BatchLogRecordProcessor.builder(new CapturingLogRecordExporter()).build())
			.run((context) -> assertThat(context).hasSingleBean(BatchLogRecordProcessor.class)
				.hasBean("userLogRecordProcessor")
				.doesNotHaveBean("selfobsLogRecordProcessor")
				.doesNotHaveBean("openTelemetryBatchLogRecordProcessor"));
	}

	@Test
	void aLogRecordExporterTheApplicationAddsIsFedByThePipeline() {
		this.withBootSdk.withBean("userLogRecordExporter", LogRecordExporter.class, CapturingLogRecordExporter::new)
			.run((context) -> assertThat(context).hasSingleBean(BatchLogRecordProcessor.class)
				.hasBean("selfobsLogRecordProcessor")
				.doesNotHaveBean("openTelemetryBatchLogRecordProcessor"));
	}

	@Test
	void anExporterTheApplicationAddsGetsRedactedRecords() {
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		this.withBootSdk.withBean("userLogRecordExporter", LogRecordExporter.class, () -> exporter).run((context) -> {
			emitRecordWithSecrets(context.getBean(SdkLoggerProvider.class));
			assertThat(exporter.records()).singleElement().satisfies((record) -> {
				assertThat(record.getBodyValue().asString()).isEqualTo("Authorization: Bearer " + MASK);
				assertThat(record.getAttributes().get(AttributeKey.stringKey("password"))).isEqualTo(MASK);
			});
		});
	}

	@Test
	void aBatchLogRecordProcessorCustomizerIsAppliedToThePipeline() {
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		ApplicationContextRunner withExporter = this.withBootSdk.withBean("userLogRecordExporter",
				LogRecordExporter.class, () -> exporter);
		withExporter.run((context) -> {
			emitRecordWithSecrets(context.getBean(SdkLoggerProvider.class), 3);
			assertThat(exporter.batchSizes()).containsExactly(3);
		});
		exporter.clear();
		withExporter
			.withBean(BatchLogRecordProcessorBuilderCustomizer.class,
					() -> (builder) -> builder.setMaxExportBatchSize(1))
			.run((context) -> {
				emitRecordWithSecrets(context.getBean(SdkLoggerProvider.class), 3);
				assertThat(exporter.batchSizes()).containsExactly(1, 1, 1);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void otlpExporterCustomizersApplyToSelfobsOtlpLogRecordExporter(String protocol) {
		CapturingLogRecordExporter exporter = new CapturingLogRecordExporter();
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			boolean grpc = protocol.equals("grpc");
			this.withBootSdk
				.withPropertyValues("otel.exporter.otlp.protocol=" + protocol,
						"otel.exporter.otlp.endpoint=" + (grpc ? receiver.grpcEndpoint() : receiver.httpEndpoint()))
				.withBean("userLogRecordExporter", LogRecordExporter.class, () -> exporter)
				.withBean(OtlpHttpLogRecordExporterBuilderCustomizer.class,
						() -> (builder) -> builder.addHeader("x-customized", "http"))
				.withBean(OtlpGrpcLogRecordExporterBuilderCustomizer.class,
						() -> (builder) -> builder.addHeader("x-customized", "grpc"))
				.run((context) -> {
					emitRecordWithSecrets(context.getBean(SdkLoggerProvider.class));
					assertThat(exporter.records()).singleElement()
						.satisfies((record) -> assertThat(record.getBodyValue().asString())
							.isEqualTo("Authorization: Bearer " + MASK));
					OtlpReceiver.Received received = receiver.awaitReceived(ExportLogsServiceRequest.class,
							Duration.ofSeconds(30));
					assertThat(received.headers()).containsEntry("x-customized", grpc ? "grpc" : "http");
					assertThat(received.message().toString()).contains("Authorization: Bearer " + MASK)
						.doesNotContain(RedactionCanaries.BEARER_TOKEN)
						.doesNotContain(RedactionCanaries.MDC_PASSWORD);
				});
		}
	}

	private static void emitRecordWithSecrets(SdkLoggerProvider provider) {
		emitRecordWithSecrets(provider, 1);
	}

	private static void emitRecordWithSecrets(SdkLoggerProvider provider, int count) {
		for (int i = 0; i < count; i++) {
			provider.get("io.selfobs.test")
				.logRecordBuilder()
				.setBody("Authorization: Bearer " + RedactionCanaries.BEARER_TOKEN)
				.setAttribute(AttributeKey.stringKey("password"), RedactionCanaries.MDC_PASSWORD)
				.emit();
		}
		provider.forceFlush().join(10, TimeUnit.SECONDS);
	}

	@Test
	void droppedConsoleLinesAreAMeterByReasonOnceAReasonHasDrops() {
		this.plain.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("selfobsConsoleDropMetrics", MeterBinder.class).bindTo(registry);
			for (ConsoleDrops.Reason reason : ConsoleDrops.Reason.values()) {
				FunctionCounter counter = registry.find("selfobs.log.dropped")
					.tag("reason", reason.tag())
					.functionCounter();
				if (ConsoleDrops.get().count(reason) > 0) {
					assertThat(counter).isNotNull();
					assertThat(counter.count()).isEqualTo(ConsoleDrops.get().count(reason));
				}
				else {
					assertThat(counter).as(reason.tag()).isNull();
				}
			}
		});
	}

	@Test
	void invalidConsoleQueueSizeStopsStartupNamingTheProperty() {
		this.plain.withPropertyValues("otel.logging.console.queue-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.logging.console.queue-size"));
	}

	private static long batchLogRecordWorkers() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("BatchLogRecordProcessor_WorkerThread"))
			.count();
	}

	@Test
	void withoutLogbackLogsAreNotExported() {
		this.plain.withPropertyValues("otel.logging.endpoint=http://localhost:1")
			.withClassLoader(new FilteredClassLoader("ch.qos.logback.classic"))
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpLogRecordExporter.class)
				.doesNotHaveBean("selfobsOpenTelemetryAppenderInstallation"));
	}

	@Test
	void invalidQueueSettingsStopStartupNamingTheProperty() {
		this.plain.withPropertyValues("otel.logging.export.max-queue-size=10", "otel.logging.export.max-batch-size=20")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.logging.export.max-batch-size"));
	}

	@Test
	void invalidExcludePathStopsStartupNamingTheProperty() {
		this.plain.withPropertyValues("otel.logging.request-events.exclude-paths=healthz")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("otel.logging.request-events.exclude-paths"));
	}

	@Test
	void theContextRedactorBecomesTheOneLogbackUses() {
		this.plain.run((context) -> {
			Redactor redactor = LogbackRedactorHolder.get();
			assertThat(redactor).isSameAs(context.getBean(Redactor.class))
				.isNotSameAs(LogbackRedactorHolder.defaults());
			assertThat(redactor.redact("Authorization: Bearer " + RedactionCanaries.BEARER_TOKEN))
				.isEqualTo("Authorization: Bearer " + MASK);
			assertThat(redactor.redactValue("password", "x")).isEqualTo(MASK);
			assertThat(redactor.redactQuery("sig=x&page=2")).isEqualTo("sig=" + MASK + "&page=2");
		});
	}

	@Test
	void aUserRedactorBecomesTheOneLogbackUses() {
		Redactor userRedactor = Redactor.builder().build();
		this.plain.withBean(Redactor.class, () -> userRedactor)
			.run((context) -> assertThat(LogbackRedactorHolder.get()).isSameAs(userRedactor));
	}

	@Test
	void redactionSwitchedOffGivesLogbackTheNoOpRedactor() {
		this.plain.withPropertyValues("otel.redaction.enabled=false")
			.run((context) -> assertThat(LogbackRedactorHolder.get().redactValue("password", "x")).isEqualTo("x"));
	}

	@Test
	void withoutARedactorBeanLogbackKeepsTheDefaultRules() {
		LogbackRedactorHolder.set(Redactor.none());
		try {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(OtlpAutoConfiguration.class, OtelLoggingAutoConfiguration.class))
				.run((context) -> assertThat(LogbackRedactorHolder.get()).isSameAs(LogbackRedactorHolder.defaults()));
		}
		finally {
			LogbackRedactorHolder.set(LogbackRedactorHolder.defaults());
		}
	}

	@Test
	void afterTheContextClosesLogbackGoesBackToTheDefaultRules() {
		this.plain.withPropertyValues("otel.redaction.enabled=false")
			.run((context) -> assertThat(LogbackRedactorHolder.get()).isSameAs(context.getBean(Redactor.class)));
		assertThat(LogbackRedactorHolder.get()).isSameAs(LogbackRedactorHolder.defaults());
		assertThat(LogbackRedactorHolder.get().redactValue("password", "x")).isEqualTo(MASK);
	}

}
