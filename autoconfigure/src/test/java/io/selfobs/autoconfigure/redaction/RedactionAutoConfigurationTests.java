package io.selfobs.autoconfigure.redaction;

import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionAutoConfigurationTests {

	private static final String MASK = "[REDACTED]";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedactionAutoConfiguration.class));

	@Test
	void providesARedactorWithTheDefaultRules() {
		this.contextRunner.run((context) -> {
			Redactor redactor = context.getBean(Redactor.class);
			assertThat(redactor.redact("password=" + RedactionCanaries.MDC_PASSWORD)).isEqualTo("password=" + MASK);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesARedactor() {
		this.contextRunner.withUserConfiguration(UserRedactorConfiguration.class)
			.run((context) -> assertThat(context.getBean(Redactor.class)).isSameAs(UserRedactorConfiguration.REDACTOR));
	}

	@Test
	void appliesPropertiesToTheRedactor() {
		this.contextRunner
			.withPropertyValues("otel.redaction.sensitive-keys=pin", "otel.redaction.value-patterns=ACME-\\d{4}",
					"otel.redaction.allowed-keys=*session*", "otel.redaction.allowed-values=none",
					"otel.redaction.allowed-headers=X-Request-Id")
			.run((context) -> {
				Redactor redactor = context.getBean(Redactor.class);
				assertThat(redactor.redact("pin=1234 ACME-1234 session_id=7 token=none"))
					.isEqualTo("pin=" + MASK + " " + MASK + " session_id=7 token=none");
				assertThat(redactor.isAllowedHeader("x-request-id")).isTrue();
			});
	}

	@Test
	void hmacReplacementUsesTheConfiguredKey() {
		this.contextRunner
			.withPropertyValues("otel.redaction.replacement=hmac",
					"otel.redaction.hmac-key=" + RedactionCanaries.HMAC_KEY)
			.run((context) -> assertThat(context.getBean(Redactor.class).redact("token=abc"))
				.matches("token=\\[HMAC:[A-Za-z0-9_-]{16}]"));
	}

	@Test
	void customizersRunAfterTheProperties() {
		this.contextRunner.withPropertyValues("otel.redaction.sensitive-keys=pin")
			.withBean(RedactorCustomizer.class,
					() -> (builder) -> builder.valuePatterns(List.of(Pattern.compile("ACME-\\d{4}"))))
			.run((context) -> assertThat(context.getBean(Redactor.class).redact("pin=1 ACME-1234"))
				.isEqualTo("pin=" + MASK + " " + MASK));
	}

	@Test
	void disabledRedactionChangesNothingAndRegistersNoMeterFilter() {
		this.contextRunner.withPropertyValues("otel.redaction.enabled=false").run((context) -> {
			String line = "password=" + RedactionCanaries.MDC_PASSWORD;
			assertThat(context.getBean(Redactor.class).redact(line)).isEqualTo(line);
			assertThat(context).doesNotHaveBean(MeterFilter.class);
		});
	}

	@Test
	void invalidValuePatternStopsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("otel.redaction.value-patterns=ok,(unclosed").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.redaction.value-patterns[1]")
				.hasMessageContaining("'(unclosed'");
		});
	}

	@Test
	void hmacReplacementWithoutAKeyStopsStartup() {
		this.contextRunner.withPropertyValues("otel.redaction.replacement=hmac").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("otel.redaction.hmac-key");
		});
	}

	@Test
	void misplacedWildcardInDeniedTagKeysStopsStartup() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withPropertyValues("otel.redaction.denied-tag-keys=user*name")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("otel.redaction.denied-tag-keys[0]"));
	}

	@Test
	void metricTagsAreRedactedAndDeniedTagKeysDropped() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				registry
					.counter("logins", "email", "alice@example.com", "user.name", "alice", "e_mail", "a@b.c", "outcome",
							"SUCCESS", "uri", "/cb?code=" + RedactionCanaries.ACCESS_TOKEN_PARAMETER, "api_key",
							RedactionCanaries.API_KEY_FIELD)
					.increment();
				Meter.Id id = registry.get("logins").counter().getId();
				assertThat(id.getTags()).extracting("key").containsExactlyInAnyOrder("api_key", "outcome", "uri");
				assertThat(id.getTag("outcome")).isEqualTo("SUCCESS");
				assertThat(id.getTag("uri")).isEqualTo("/cb?code=" + MASK);
				assertThat(id.getTag("api_key")).isEqualTo(MASK);
			});
	}

	@Test
	void deniedTagKeysCanBeReplaced() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("otel.redaction.denied-tag-keys=client.address")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				registry.counter("hits", "client.address", "10.0.0.7", "user", "alice").increment();
				assertThat(registry.get("hits").counter().getId().getTags()).extracting("key").containsExactly("user");
			});
	}

	@Test
	void noMeterFilterWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterFilter.class))
			.run((context) -> assertThat(context).hasSingleBean(Redactor.class)
				.doesNotHaveBean("redactingMeterFilter"));
	}

	@Test
	void registersASanitizingFunctionWithActuator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SanitizingFunction.class));
	}

	@Test
	void noSanitizingFunctionWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasSingleBean(Redactor.class)
				.doesNotHaveBean("redactingSanitizingFunction"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRedactorConfiguration {

		static final Redactor REDACTOR = Redactor.none();

		@Bean
		Redactor customRedactor() {
			return REDACTOR;
		}

	}

}
