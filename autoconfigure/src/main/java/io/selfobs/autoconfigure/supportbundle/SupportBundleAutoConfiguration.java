package io.selfobs.autoconfigure.supportbundle;

import java.time.Clock;
import java.util.function.Supplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.systemhealth.ServiceSnapshotReader;
import io.selfobs.autoconfigure.systemhealth.SystemHealthAutoConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the support bundle, the {@code supportbundle} web endpoint, and
 * of the in-memory ring of recent log lines it includes. Like other actuator endpoints it
 * is created only when exposed ({@code management.endpoints.web.exposure.include}).
 *
 * @see SupportBundleProperties
 */
@AutoConfiguration(after = SystemHealthAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnBooleanProperty(name = "otel.support-bundle.enabled", matchIfMissing = true)
@ConditionalOnBean(ServiceSnapshotReader.class)
@EnableConfigurationProperties(SupportBundleProperties.class)
public final class SupportBundleAutoConfiguration {

	private static final String PROMETHEUS_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

	SupportBundleAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(endpoint = SupportBundleEndpoint.class)
	static class SupportBundleEndpointConfiguration {

		@Bean(initMethod = "attach", destroyMethod = "detach")
		@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
		@ConditionalOnMissingBean
		LogRingBuffer supportBundleLogRingBuffer(SupportBundleProperties properties) {
			return new LogRingBuffer(properties.getLogLines(), properties.getMaxLogLineLength());
		}

		@Bean
		@ConditionalOnMissingBean
		SupportBundleEndpoint supportBundleEndpoint(SupportBundleProperties properties, ServiceSnapshotReader reader,
				ConfigurableEnvironment environment, ObjectProvider<BuildProperties> build,
				ObjectProvider<LogRingBuffer> logs, ObjectProvider<Redactor> redactor,
				org.springframework.beans.factory.BeanFactory beanFactory) {
			SupportBundleWriter writer = new SupportBundleWriter(reader, environment, build.getIfAvailable(),
					logs.getIfAvailable(), prometheusText(beanFactory), redactor.getIfAvailable(Redactor::none),
					properties.getMaxSize().toBytes(), Clock.systemUTC());
			return new SupportBundleEndpoint(writer, properties.isAllowOnServerPort());
		}

		private static Supplier<@Nullable String> prometheusText(org.springframework.beans.factory.BeanFactory beans) {
			if (!ClassUtils.isPresent(PROMETHEUS_REGISTRY, SupportBundleAutoConfiguration.class.getClassLoader())) {
				return () -> null;
			}
			return PrometheusText.from(beans);
		}

	}

	/**
	 * Loaded only when the Prometheus registry is on the class path.
	 */
	private static final class PrometheusText {

		static Supplier<@Nullable String> from(org.springframework.beans.factory.BeanFactory beans) {
			ObjectProvider<PrometheusMeterRegistry> registry = beans.getBeanProvider(PrometheusMeterRegistry.class);
			return () -> {
				PrometheusMeterRegistry prometheus = registry.getIfAvailable();
				return (prometheus != null) ? prometheus.scrape() : null;
			};
		}

	}

}
