package io.selfobs.autoconfigure.redaction;

import io.micrometer.core.instrument.config.MeterFilter;

import io.selfobs.autoconfigure.logging.LogRedaction;
import io.selfobs.autoconfigure.redaction.internal.RedactingMeterFilter;
import io.selfobs.autoconfigure.redaction.internal.RedactingSanitizingFunction;
import io.selfobs.autoconfigure.redaction.internal.RedactionPropertiesMapper;
import io.selfobs.autoconfigure.tracing.SpanAttributeRedactor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the {@link Redactor} every telemetry sink uses: plugged into the
 * log and span sinks, applied to metric tags, and masking credentials in actuator
 * endpoints.
 */
@AutoConfiguration
@EnableConfigurationProperties(RedactionProperties.class)
public final class RedactionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Redactor redactor(RedactionProperties properties, ObjectProvider<RedactorCustomizer> customizers) {
		RedactorBuilder builder = RedactionPropertiesMapper.toBuilder(properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** The console, request-event and OTLP log sinks redact through this. */
	@Bean
	@ConditionalOnMissingBean
	LogRedaction logRedaction(Redactor redactor) {
		return new LogRedaction() {

			@Override
			public String redact(String freeText) {
				return redactor.redact(freeText);
			}

			@Override
			public String redactValue(String key, String value) {
				return redactor.redactValue(key, value);
			}

			@Override
			public String redactQuery(String rawQuery) {
				return redactor.redactQuery(rawQuery);
			}

		};
	}

	/** Span attributes, events and status descriptions are redacted through this. */
	@Bean
	@ConditionalOnMissingBean(name = "redactorSpanAttributeRedactor")
	SpanAttributeRedactor redactorSpanAttributeRedactor(Redactor redactor) {
		return new SpanAttributeRedactor() {

			@Override
			public String redactValue(String key, String value) {
				return redactor.redactValue(key, value);
			}

			@Override
			public String redact(String text) {
				return redactor.redact(text);
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterFilter.class)
	@ConditionalOnBooleanProperty(name = "otel.redaction.enabled", matchIfMissing = true)
	static class MetricTagRedactionConfiguration {

		/**
		 * After Boot's property filters (common tags), so it sees their tags; before
		 * unordered filters such as cardinality caps, so they count what is exported.
		 */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE - 100)
		@ConditionalOnMissingBean(name = "redactingMeterFilter")
		MeterFilter redactingMeterFilter(Redactor redactor, RedactionProperties properties) {
			return new RedactingMeterFilter(redactor, RedactionPropertiesMapper.deniedTagKeys(properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "redactingSanitizingFunction")
		SanitizingFunction redactingSanitizingFunction(Redactor redactor) {
			return new RedactingSanitizingFunction(redactor);
		}

	}

}
