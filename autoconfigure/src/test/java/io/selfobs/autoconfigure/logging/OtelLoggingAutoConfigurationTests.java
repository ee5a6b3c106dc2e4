package io.selfobs.autoconfigure.logging;

import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.selfobs.autoconfigure.logging.internal.LogRedactionHolder;
import io.selfobs.autoconfigure.otlp.InvalidOtlpPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class OtelLoggingAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpAutoConfiguration.class, OtelLoggingAutoConfiguration.class));

	private final ApplicationContextRunner plain = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OtlpAutoConfiguration.class, OtelLoggingAutoConfiguration.class));

	@AfterEach
	void resetRedaction() {
		LogRedactionHolder.set(null);
	}

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
	void withoutTheLogbackAppenderLogsAreNotExported() {
		this.plain.withPropertyValues("otel.logging.endpoint=http://localhost:1")
			.withClassLoader(new FilteredClassLoader(OpenTelemetryAppender.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LogRecordProcessor.class));
	}

	@Test
	void invalidQueueSettingsStopStartupNamingTheProperty() {
		this.plain.withPropertyValues("otel.logging.export.max-queue-size=10", "otel.logging.export.max-batch-size=20")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidOtlpPropertyException.class)
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
	void aLogRedactionBeanBecomesTheOneLogbackUses() {
		LogRedaction redaction = LogRedaction.NONE;
		this.plain.withBean(LogRedaction.class, () -> new LogRedaction() {

			@Override
			public String redact(String freeText) {
				return "x";
			}

			@Override
			public String redactValue(String key, String value) {
				return "x";
			}

			@Override
			public String redactQuery(String rawQuery) {
				return "x";
			}

		}).run((context) -> assertThat(LogRedactionHolder.get()).isSameAs(context.getBean(LogRedaction.class))
			.isNotSameAs(redaction));
	}

}
