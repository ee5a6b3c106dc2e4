package io.selfobs.autoconfigure.logging;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.console.ConsoleDrops;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.RedactionCanaries;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.junit.jupiter.api.Test;

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

	private final ApplicationContextRunner plain = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpAutoConfiguration.class, RedactionAutoConfiguration.class,
				OtelLoggingAutoConfiguration.class));

	private final ApplicationContextRunner withBootSdk = this.plain.withConfiguration(
			AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class));

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
			.run((context) -> assertThat(context.getBean("selfobsRequestEventFilter", FilterRegistrationBean.class)
				.getFilter()).isNull());
	}

	@Test
	void logsAreNotExportedWithoutADestination() {
		this.plain.run((context) -> assertThat(context).doesNotHaveBean(LogRecordProcessor.class));
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
			.run((context) -> assertThat(context).doesNotHaveBean(LogRecordProcessor.class));
	}

	@Test
	void bootsIdleBatchProcessorBacksOffSoSelfobsRunsTheOnlyLogProcessorAndWorker() {
		long workersBefore = batchLogRecordWorkers();
		this.withBootSdk.withPropertyValues("otel.logging.endpoint=http://localhost:1/v1/logs").run((context) -> {
			assertThat(context).hasSingleBean(LogRecordProcessor.class)
				.hasBean("selfobsOtlpLogRecordProcessor")
				.doesNotHaveBean(BatchLogRecordProcessor.class);
			assertThat(context.getBean(SdkLoggerProvider.class).toString()).contains("SelfobsLogRecordProcessor")
				.doesNotContain("BatchLogRecordProcessor");
			assertThat(batchLogRecordWorkers() - workersBefore).isLessThanOrEqualTo(1);
		});
	}

	@Test
	void withoutLogExportNoLogProcessorIdlesInTheBackground() {
		this.withBootSdk.run((context) -> assertThat(context).hasSingleBean(SdkLoggerProvider.class)
			.doesNotHaveBean(LogRecordProcessor.class));
	}

	@Test
	void bootsBatchProcessorStaysWhenThereIsAnExporterBeanForIt() {
		this.withBootSdk.withBean("userLogRecordExporter", LogRecordExporter.class, LogRecordExporter::composite)
			.run((context) -> assertThat(context).hasSingleBean(BatchLogRecordProcessor.class)
				.hasBean("openTelemetryBatchLogRecordProcessor"));
	}

	@Test
	void anExporterTheApplicationAddsGetsRedactedRecords() {
		List<LogRecordData> exported = new CopyOnWriteArrayList<>();
		this.withBootSdk.withBean("userLogRecordExporter", LogRecordExporter.class, () -> new LogRecordExporter() {

			@Override
			public CompletableResultCode export(Collection<LogRecordData> logs) {
				exported.addAll(logs);
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

		}).run((context) -> {
			SdkLoggerProvider provider = context.getBean(SdkLoggerProvider.class);
			provider.get("io.selfobs.test")
				.logRecordBuilder()
				.setBody("Authorization: Bearer " + RedactionCanaries.BEARER_TOKEN)
				.setAttribute(AttributeKey.stringKey("password"), RedactionCanaries.MDC_PASSWORD)
				.emit();
			provider.forceFlush().join(10, TimeUnit.SECONDS);
			assertThat(exported).singleElement().satisfies((record) -> {
				assertThat(record.getBodyValue().asString()).isEqualTo("Authorization: Bearer " + MASK);
				assertThat(record.getAttributes().get(AttributeKey.stringKey("password"))).isEqualTo(MASK);
			});
		});
	}

	@Test
	void droppedConsoleLinesAreAMeterByReasonOnceAReasonHasDrops() {
		this.plain.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("selfobsConsoleDropMetrics", MeterBinder.class).bindTo(registry);
			for (ConsoleDrops.Reason reason : ConsoleDrops.Reason.values()) {
				FunctionCounter counter = registry.find("selfobs.log.dropped").tag("reason", reason.tag())
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
			.run((context) -> assertThat(context).doesNotHaveBean(LogRecordProcessor.class));
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
			assertThat(redactor).isSameAs(context.getBean(Redactor.class)).isNotSameAs(LogbackRedactorHolder.defaults());
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
				.withConfiguration(AutoConfigurations.of(OtlpAutoConfiguration.class, OtelLoggingAutoConfiguration.class))
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
