package io.selfobs.autoconfigure.redaction;

import io.micrometer.core.instrument.config.MeterFilter;
import io.selfobs.autoconfigure.redaction.internal.RedactingMeterFilter;
import io.selfobs.autoconfigure.redaction.internal.RedactingSanitizingFunction;
import io.selfobs.autoconfigure.redaction.internal.RedactionPropertiesMapper;

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
 * Auto-configuration of the {@link Redactor} every telemetry sink uses. The log and span
 * sinks inject it themselves (their auto-configurations run after this one); here it is
 * applied to metric tags and to credentials in actuator endpoints.
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
