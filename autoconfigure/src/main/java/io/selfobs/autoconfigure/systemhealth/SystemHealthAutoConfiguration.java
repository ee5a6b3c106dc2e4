package io.selfobs.autoconfigure.systemhealth;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.autoconfigure.otlp.OtelResourceAttributes;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.worker.WorkerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the System Health page, the {@code systemhealth} web endpoint,
 * and of the {@link ServiceSnapshotReader} it shares with the support bundle. Like other
 * actuator endpoints the page is created only when exposed
 * ({@code management.endpoints.web.exposure.include}).
 *
 * @see SystemHealthProperties
 */
@AutoConfiguration(afterName = { "io.selfobs.autoconfigure.worker.WorkerAutoConfiguration",
		"io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration",
		"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@ConditionalOnClass({ Endpoint.class, HealthContributorRegistry.class, MeterRegistry.class })
@EnableConfigurationProperties(SystemHealthProperties.class)
public final class SystemHealthAutoConfiguration {

	SystemHealthAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceSnapshotReader serviceSnapshotReader(ObjectProvider<OtelResourceAttributes> resource,
			ObjectProvider<HealthContributorRegistry> contributors, ObjectProvider<HealthEndpointGroups> groups,
			ObjectProvider<WorkerRegistry> workers, ObjectProvider<OtlpSignalProperties> signals,
			ObjectProvider<OtlpDestinationResolver> destinations, ObjectProvider<OtlpExportTelemetry> exportTelemetry,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<Redactor> redactor) {
		return new ServiceSnapshotReader(resource, contributors, groups, workers, signals, destinations,
				exportTelemetry, meters, redactor.getIfAvailable(Redactor::none), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "otel.system-health.enabled", matchIfMissing = true)
	@ConditionalOnAvailableEndpoint
	SystemHealthEndpoint systemHealthEndpoint(ServiceSnapshotReader reader, SystemHealthProperties properties) {
		return new SystemHealthEndpoint(reader, properties);
	}

}
