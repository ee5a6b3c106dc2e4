package io.selfobs.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.selfobs.autoconfigure.jdbc.internal.DbClientOperationMeterHandler;
import io.selfobs.autoconfigure.jdbc.internal.JdbcStatementTracingHandler;
import io.selfobs.autoconfigure.jdbc.internal.SanitizingQueryObservationFilter;
import io.selfobs.autoconfigure.jdbc.wrapper.ObservedDataSource;
import io.selfobs.autoconfigure.jdbc.wrapper.ObservedDataSourceBeanPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * JDBC statement observation: each {@code DataSource} bean is wrapped in an
 * {@link ObservedDataSource}, so each statement execution is one client span
 * ({@code query}, with the statement stripped of literal values) and one
 * {@code db.client.operation.duration} measurement ({@code jdbc.query} with
 * {@code otel.metrics.naming=micrometer}). Off with
 * {@code otel.instrumentation.jdbc.enabled=false}; backs off when datasource-micrometer
 * observes the data sources instead, whose query tags are then sanitized.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration" })
@ConditionalOnClass({ DataSource.class, ObservationRegistry.class, DelegatingDataSource.class, DatabaseDriver.class })
@EnableConfigurationProperties(JdbcObservationProperties.class)
public final class JdbcObservationAutoConfiguration {

	JdbcObservationAutoConfiguration() {
	}

	/**
	 * Statements are observed here unless datasource-micrometer's listener is in the
	 * context: it would observe them a second time.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "otel.instrumentation.jdbc.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(type = "net.ttddyy.observation.tracing.DataSourceObservationListener")
	static class StatementObservationConfiguration {

		@Bean
		static ObservedDataSourceBeanPostProcessor observedDataSourceBeanPostProcessor(
				ObjectProvider<ObservationRegistry> registry,
				ObjectProvider<JdbcStatementObservationConvention> convention) {
			return new ObservedDataSourceBeanPostProcessor(registry, convention);
		}

		@Bean
		@ConditionalOnMissingBean(JdbcStatementObservationConvention.class)
		DefaultJdbcStatementObservationConvention defaultJdbcStatementObservationConvention() {
			return new DefaultJdbcStatementObservationConvention();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(Tracer.class)
		@ConditionalOnBean(Tracer.class)
		static class TracingConfiguration {

			/**
			 * Ahead of Micrometer Tracing's default handler, which would make it
			 * INTERNAL.
			 */
			@Bean
			@ConditionalOnMissingBean
			@Order(MicrometerTracingAutoConfiguration.DEFAULT_TRACING_OBSERVATION_HANDLER_ORDER - 1000)
			JdbcStatementTracingHandler jdbcStatementTracingHandler(Tracer tracer) {
				return new JdbcStatementTracingHandler(tracer);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterRegistry.class)
		@ConditionalOnProperty(name = "otel.metrics.naming", havingValue = "opentelemetry", matchIfMissing = true)
		static class OpenTelemetryNamingConfiguration {

			/**
			 * First among the meter observation handlers, so it, not the default handler,
			 * meters JDBC statements.
			 */
			@Bean
			@Order(Ordered.HIGHEST_PRECEDENCE)
			@ConditionalOnMissingBean
			DbClientOperationMeterHandler dbClientOperationMeterHandler(ObjectProvider<MeterRegistry> registry) {
				return new DbClientOperationMeterHandler(registry::getIfAvailable);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "net.ttddyy.observation.tracing.QueryContext")
	static class DatasourceMicrometerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SanitizingQueryObservationFilter sanitizingQueryObservationFilter() {
			return new SanitizingQueryObservationFilter();
		}

	}

}
