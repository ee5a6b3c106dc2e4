package io.selfobs.autoconfigure.metrics;

import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.selfobs.autoconfigure.metrics.internal.CardinalityLimitMeterFilter;
import io.selfobs.autoconfigure.metrics.internal.DbClientConnectionMetrics;
import io.selfobs.autoconfigure.metrics.internal.ExplicitBucketHistogramMeterFilter;
import io.selfobs.autoconfigure.metrics.internal.MeterDescriptionFilter;
import io.selfobs.autoconfigure.metrics.internal.OpenTelemetryNamingMeterFilter;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvClientRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvReactiveServerRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvServerRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvWebClientRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.otlp.OkHttpOtlpMetricsSender;
import io.selfobs.autoconfigure.metrics.internal.otlp.PrometheusAlignedOtlpNamingConvention;
import io.selfobs.autoconfigure.metrics.internal.prometheus.OtlpAlignedScrapeRegistry;
import io.selfobs.autoconfigure.metrics.internal.prometheus.PrometheusPortServer;
import io.selfobs.autoconfigure.metrics.internal.runtime.JvmMemoryAreaMetrics;
import io.selfobs.autoconfigure.metrics.internal.runtime.ProcessMetrics;
import io.selfobs.autoconfigure.otlp.OtelResourceAttributes;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.destination.ConditionalOnOtlpExport;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;

import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Metrics: OTLP push over http/protobuf or gRPC, the Prometheus scrape endpoint on the
 * main port (or a dedicated one), a cardinality guard on every registry, explicit-bucket
 * histograms, the standard process metrics, and (with
 * {@code otel.metrics.naming=opentelemetry}, the default) HTTP (Spring MVC, WebFlux,
 * {@code RestClient}, {@code RestTemplate}, {@code WebClient}) and database meters named
 * by the OpenTelemetry semantic conventions, with one name per series on the scrape and
 * in the push.
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

	/**
	 * Runs before Spring Boot's {@code PropertiesMeterFilter} (order 0), so
	 * {@code management.metrics.distribution.*} still wins.
	 */
	@Bean
	@Order(-10)
	@ConditionalOnMissingBean
	ExplicitBucketHistogramMeterFilter explicitBucketHistogramMeterFilter(OtelMetricsProperties properties) {
		return new ExplicitBucketHistogramMeterFilter(properties.getHistograms().getEnabled(),
				properties.getHistograms().getBuckets(), properties.getHistograms().getMeterBuckets());
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessMetrics selfobsProcessMetrics() {
		return new ProcessMetrics();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "otel.metrics.naming", havingValue = "opentelemetry", matchIfMissing = true)
	static class OpenTelemetryNamingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetryNamingMeterFilter openTelemetryNamingMeterFilter() {
			return new OpenTelemetryNamingMeterFilter();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBooleanProperty(name = "otel.metrics.jvm.memory-pools", havingValue = false,
				matchIfMissing = true)
		static class JvmMemoryAreaConfiguration {

			/**
			 * A meter filter as well as a binder: it takes the place of Micrometer's
			 * per-pool series.
			 */
			@Bean
			@ConditionalOnMissingBean
			JvmMemoryAreaMetrics jvmMemoryAreaMetrics() {
				return new JvmMemoryAreaMetrics();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ServerHttpObservationFilter.class)
		@ConditionalOnWebApplication(type = Type.SERVLET)
		static class ServletServerConfiguration {

			@Bean
			@ConditionalOnMissingBean(ServerRequestObservationConvention.class)
			SemconvServerRequestObservationConvention semconvServerRequestObservationConvention() {
				return new SemconvServerRequestObservationConvention();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ClientRequestObservationContext.class)
		static class HttpClientConfiguration {

			@Bean
			@ConditionalOnMissingBean(ClientRequestObservationConvention.class)
			SemconvClientRequestObservationConvention semconvClientRequestObservationConvention() {
				return new SemconvClientRequestObservationConvention();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.web.server.adapter.HttpWebHandlerAdapter")
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		static class ReactiveServerConfiguration {

			@Bean
			@ConditionalOnMissingBean(org.springframework.http.server.reactive.observation.ServerRequestObservationConvention.class)
			SemconvReactiveServerRequestObservationConvention semconvReactiveServerRequestObservationConvention() {
				return new SemconvReactiveServerRequestObservationConvention();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
		static class WebClientConfiguration {

			@Bean
			@ConditionalOnMissingBean(org.springframework.web.reactive.function.client.ClientRequestObservationConvention.class)
			SemconvWebClientRequestObservationConvention semconvWebClientRequestObservationConvention() {
				return new SemconvWebClientRequestObservationConvention();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HikariDataSource.class)
		static class HikariConfiguration {

			/**
			 * Bound before Spring Boot's Hikari binder, which then leaves the pool's
			 * tracker alone.
			 */
			@Bean
			@Order(Ordered.HIGHEST_PRECEDENCE)
			@ConditionalOnMissingBean
			DbClientConnectionMetrics dbClientConnectionMetrics(ObjectProvider<DataSource> dataSources) {
				return new DbClientConnectionMetrics(dataSources);
			}

		}

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
			OtlpMeterRegistry registry = OtlpMeterRegistry.builder(config)
				.clock(clock)
				.metricsSender(new OkHttpOtlpMetricsSender(destination, telemetry))
				.build();
			registry.config()
				.namingConvention(new PrometheusAlignedOtlpNamingConvention(registry.config().namingConvention(),
						config.baseTimeUnit().name().toLowerCase(Locale.ROOT)));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ PrometheusMeterRegistry.class, PrometheusMetricsServlet.class })
	@ConditionalOnEnabledMetricsExport("prometheus")
	@ConditionalOnBooleanProperty(name = "otel.metrics.prometheus.enabled", matchIfMissing = true)
	static class PrometheusScrapeConfiguration {

		private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

		@Bean
		@ConditionalOnMissingBean(name = "prometheusScrapeServlet")
		@ConditionalOnWebApplication(type = Type.SERVLET)
		@Conditional(NoDedicatedPort.class)
		ServletRegistrationBean<PrometheusMetricsServlet> prometheusScrapeServlet(OtelMetricsProperties properties,
				PrometheusMeterRegistry registry) {
			ServletRegistrationBean<PrometheusMetricsServlet> registration = new ServletRegistrationBean<>(
					new PrometheusMetricsServlet(scrapeRegistry(properties, registry)),
					properties.getPrometheus().getPath());
			registration.setName("prometheusScrapeServlet");
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(HTTPServer.class)
		@ConditionalOnProperty("otel.metrics.prometheus.port")
		@SuppressWarnings("NullAway") // the port is set: the condition requires it
		PrometheusPortServer prometheusPortServer(OtelMetricsProperties properties, PrometheusMeterRegistry registry,
				ApplicationContext context) {
			PrometheusPortServer.checkNotTaken(properties.getPrometheus().getPort(), context.getEnvironment(),
					isWebServer(context));
			return new PrometheusPortServer(properties.getPrometheus().getPort(), scrapeRegistry(properties, registry));
		}

		private static boolean isWebServer(ApplicationContext context) {
			return ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())
					&& ClassUtils.resolveClassName(WEB_SERVER_CONTEXT, context.getClassLoader()).isInstance(context);
		}

		private static PrometheusRegistry scrapeRegistry(OtelMetricsProperties properties,
				PrometheusMeterRegistry registry) {
			return (properties.getNaming() == MetricNaming.OPENTELEMETRY)
					? OtlpAlignedScrapeRegistry.of(registry.getPrometheusRegistry()) : registry.getPrometheusRegistry();
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
