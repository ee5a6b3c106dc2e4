package io.selfobs.autoconfigure.worker;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.autoconfigure.redaction.Redactor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of worker and durable-queue telemetry: a {@link WorkerRegistry} that
 * every {@link DurableQueue} bean is registered with, and the {@code workers} health
 * contributor, a member of readiness.
 *
 * @see WorkerProperties
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration",
				// Registered after Boot's probes post-processor, which may be what adds
				// the readiness group
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, ObservationRegistry.class })
@ConditionalOnBooleanProperty(name = "otel.workers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WorkerProperties.class)
public final class WorkerAutoConfiguration {

	WorkerAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WorkerRegistry workerRegistry(WorkerProperties properties, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<Redactor> redactor) {
		Redactor redaction = redactor.getIfAvailable(Redactor::none);
		return new WorkerRegistry(properties, meters.getIfUnique(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), redaction::redact, Clock.systemUTC());
	}

	@Bean
	static SmartInitializingSingleton durableQueueRegistration(ObjectProvider<WorkerRegistry> registry,
			ObjectProvider<DurableQueue> queues) {
		return () -> registry.ifAvailable((workers) -> queues.orderedStream().forEach(workers::register));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class WorkersHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "workersHealthIndicator")
		HealthIndicator workersHealthIndicator(WorkerRegistry registry) {
			return new WorkersHealthIndicator(registry);
		}

		@Bean
		@ConditionalOnBooleanProperty(name = "otel.workers.readiness.enabled", matchIfMissing = true)
		static WorkersReadinessGroupsPostProcessor workersReadinessGroupsPostProcessor() {
			return new WorkersReadinessGroupsPostProcessor();
		}

	}

}
