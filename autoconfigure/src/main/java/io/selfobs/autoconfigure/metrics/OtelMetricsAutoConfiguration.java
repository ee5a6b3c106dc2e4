package io.selfobs.autoconfigure.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.selfobs.autoconfigure.metrics.internal.CardinalityLimitMeterFilter;
import io.selfobs.autoconfigure.metrics.internal.MeterDescriptionFilter;
import io.selfobs.autoconfigure.metrics.internal.OkHttpOtlpMetricsSender;
import io.selfobs.autoconfigure.metrics.internal.PrometheusPortServer;
import io.selfobs.autoconfigure.otlp.ConditionalOnOtlpExport;
import io.selfobs.autoconfigure.otlp.OtelResourceAttributes;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;
import io.selfobs.autoconfigure.otlp.OtlpSignal;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics: OTLP push over http/protobuf or gRPC, the Prometheus scrape endpoint on the main port (or a
 * dedicated one), and a cardinality guard on every registry.
 */
@AutoConfiguration(after = OtlpAutoConfiguration.class,
		beforeName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration",
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(OtelMetricsProperties.class)
public final class OtelMetricsAutoConfiguration {

	OtelMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CardinalityLimitMeterFilter cardinalityLimitMeterFilter(OtelMetricsProperties properties) {
		return new CardinalityLimitMeterFilter(properties.getCardinality().getMaxTagValues());
	}

	@Bean
	@ConditionalOnMissingBean
	MeterDescriptionFilter meterDescriptionFilter() {
		return new MeterDescriptionFilter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpMeterRegistry.class, okhttp3.OkHttpClient.class })
	@ConditionalOnOtlpExport(OtlpSignal.METRICS)
	static class OtlpExportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OtlpConfig otlpMetricsConfig(OtelMetricsProperties properties, OtlpDestinationResolver resolver,
				OtelResourceAttributes resource) {
			return new SelfobsOtlpConfig(resolver.resolve(properties).orElseThrow(), properties, resource);
		}

		@Bean
		@ConditionalOnMissingBean
		OtlpMeterRegistry otlpMeterRegistry(OtlpConfig config, OtelMetricsProperties properties,
				OtlpDestinationResolver resolver, OtlpExportTelemetry telemetry, Clock clock) {
			OtlpDestination destination = resolver.resolve(properties).orElseThrow();
			return OtlpMeterRegistry.builder(config)
				.clock(clock)
				.metricsSender(new OkHttpOtlpMetricsSender(destination, telemetry))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ PrometheusMeterRegistry.class, PrometheusMetricsServlet.class })
	@ConditionalOnEnabledMetricsExport("prometheus")
	@ConditionalOnBooleanProperty(name = "otel.metrics.prometheus.enabled", matchIfMissing = true)
	static class PrometheusScrapeConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "prometheusScrapeServlet")
		@ConditionalOnWebApplication(type = Type.SERVLET)
		@Conditional(NoDedicatedPort.class)
		ServletRegistrationBean<PrometheusMetricsServlet> prometheusScrapeServlet(OtelMetricsProperties properties,
				PrometheusMeterRegistry registry) {
			ServletRegistrationBean<PrometheusMetricsServlet> registration = new ServletRegistrationBean<>(
					new PrometheusMetricsServlet(registry.getPrometheusRegistry()),
					properties.getPrometheus().getPath());
			registration.setName("prometheusScrapeServlet");
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(HTTPServer.class)
		@ConditionalOnProperty("otel.metrics.prometheus.port")
		PrometheusPortServer prometheusPortServer(OtelMetricsProperties properties, PrometheusMeterRegistry registry) {
			return new PrometheusPortServer(properties.getPrometheus().getPort(), registry.getPrometheusRegistry());
		}

	}

	static final class NoDedicatedPort extends NoneNestedConditions {

		NoDedicatedPort() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("otel.metrics.prometheus.port")
		static class DedicatedPort {

		}

	}

}
