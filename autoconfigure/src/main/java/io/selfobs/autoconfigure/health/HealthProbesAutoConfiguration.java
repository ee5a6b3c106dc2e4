package io.selfobs.autoconfigure.health;

import java.util.LinkedHashSet;
import java.util.Set;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.selfobs.autoconfigure.health.internal.DataSourceReadinessGroupsPostProcessor;
import io.selfobs.autoconfigure.health.internal.DefaultStartupGate;
import io.selfobs.autoconfigure.health.internal.ProbeStatusMeters;
import io.selfobs.autoconfigure.health.internal.StartupStateHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration for the Kubernetes probes {@code /livez}, {@code /readyz},
 * {@code /startupz} and {@code /healthz}: Actuator health groups served on the main
 * server port, with a startup state that waits for the {@link StartupGate}.
 * <p>
 * The group properties themselves are supplied at the lowest precedence by an environment
 * post-processor, so standard {@code management.endpoint.health.group.*} properties win.
 *
 * @see HealthProbeProperties
 */
@AutoConfiguration
@EnableConfigurationProperties(HealthProbeProperties.class)
public final class HealthProbesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StartupGate startupGate() {
		return new DefaultStartupGate();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	@ConditionalOnBooleanProperty(name = { "otel.health.enabled", "management.endpoint.health.probes.enabled" },
			matchIfMissing = true)
	static class ProbeGroupsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "startupStateHealthIndicator")
		StartupStateHealthIndicator startupStateHealthIndicator(StartupGate startupGate) {
			return new StartupStateHealthIndicator(startupGate);
		}

		@Bean
		@ConditionalOnClass(MeterBinder.class)
		@ConditionalOnBooleanProperty(name = "otel.health.metrics.enabled", matchIfMissing = true)
		@ConditionalOnMissingBean
		ProbeStatusMeters probeStatusMeters(ObjectProvider<HealthEndpoint> healthEndpoint,
				HealthProbeProperties properties) {
			return new ProbeStatusMeters(healthEndpoint, properties);
		}

		@Bean
		DataSourceReadinessGroupsPostProcessor dataSourceReadinessGroupsPostProcessor(
				ConfigurableEnvironment environment, HealthProbeProperties properties) {
			return new DataSourceReadinessGroupsPostProcessor(environment, properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	static class ProbePathsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProbePaths probePaths(ObjectProvider<HealthEndpointGroups> healthEndpointGroups) {
			Set<String> paths = new LinkedHashSet<>();
			healthEndpointGroups.ifAvailable((groups) -> groups.getAllWithAdditionalPath(WebServerNamespace.SERVER)
				.stream()
				.map(HealthEndpointGroup::getAdditionalPath)
				.forEach((path) -> paths
					.add(path.getValue().startsWith("/") ? path.getValue() : "/" + path.getValue())));
			return new ProbePaths(paths);
		}

	}

}
