package io.selfobs.autoconfigure.worker;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WorkerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("management.endpoint.health.probes.enabled=true")
		.withConfiguration(AutoConfigurations.of(WorkerAutoConfiguration.class, RedactionAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class));

	@Test
	void registryMetersAndHealthContributorByDefault() {
		this.contextRunner.withUserConfiguration(QueueConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WorkerRegistry.class).hasBean("workersHealthIndicator");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			WorkerRegistry registry = context.getBean(WorkerRegistry.class);
			assertThat(registry.queues()).extracting(QueueStatus::name).containsExactly("jobs");
			assertThat(meters.get("selfobs.queue.depth").tag("queue", "jobs").gauge().value()).isEqualTo(7);
			assertThat(meters.get("selfobs.queue.oldest.age").tag("queue", "jobs").gauge().value())
				.isGreaterThanOrEqualTo(60);
			registry.worker("mailer");
			assertThat(meters.find("selfobs.worker.cycles").tag("worker", "mailer").counters()).hasSize(2);
			assertThat(meters.find("selfobs.worker.items").tag("worker", "mailer").counters()).hasSize(4);
		});
	}

	@Test
	void workersJoinReadinessButNeverLiveness() {
		this.contextRunner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("readiness").isMember("workers")).isTrue();
			assertThat(groups.get("liveness").isMember("workers")).isFalse();
		});
	}

	@Test
	void readinessContributionCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("otel.workers.readiness.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WorkersReadinessGroupsPostProcessor.class)
				.hasBean("workersHealthIndicator");
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("workers")).isFalse();
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("otel.workers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkerRegistry.class)
				.doesNotHaveBean("workersHealthIndicator")
				.doesNotHaveBean(WorkersReadinessGroupsPostProcessor.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WorkerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkerRegistry.class));
	}

	@Test
	void userRegistryWins() {
		this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WorkerRegistry.class);
			assertThat(context.getBean(WorkerRegistry.class)).isSameAs(UserRegistryConfiguration.REGISTRY);
		});
	}

	@Test
	void stallThresholdsComeFromProperties() {
		this.contextRunner
			.withPropertyValues("otel.workers.stall-threshold=2m", "otel.workers.stall-thresholds.mailer=30s")
			.run((context) -> {
				WorkerRegistry registry = context.getBean(WorkerRegistry.class);
				assertThat(registry.worker("mailer").status().stallThreshold()).isEqualTo(Duration.ofSeconds(30));
				assertThat(registry.worker("indexer").status().stallThreshold()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void aStalledWorkerMakesTheHealthContributorDownNamingIt() {
		this.contextRunner.withPropertyValues("otel.workers.stall-thresholds.mailer=1s").run((context) -> {
			WorkerRegistry registry = context.getBean(WorkerRegistry.class);
			Worker mailer = registry.worker("mailer");
			registry.worker("indexer").runCycle((cycle) -> null);
			HealthIndicator workers = context.getBean("workersHealthIndicator", HealthIndicator.class);
			assertThat(workers.health().getStatus()).isEqualTo(Status.UP);
			Thread.sleep(1500);
			assertThat(workers.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(workers.health().getDetails()).containsEntry("stalled", java.util.List.of("mailer"));
			assertThat(context.getBean(MeterRegistry.class)
				.get("selfobs.worker.stalled")
				.tag("worker", "mailer")
				.gauge()
				.value()).isEqualTo(1);
			mailer.runCycle((cycle) -> null);
			assertThat(workers.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void cyclesAreCountedAndBusyCyclesObserved() {
		this.contextRunner.run((context) -> {
			Worker worker = context.getBean(WorkerRegistry.class).worker("mailer");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			worker.runCycle((cycle) -> null);
			worker.runCycle((cycle) -> {
				cycle.processed(3);
				cycle.delivered(Instant.now().minusSeconds(2));
				cycle.retried(1);
				cycle.failed(1);
				return null;
			});
			assertThatIllegalStateException().isThrownBy(() -> worker.runCycle((cycle) -> {
				cycle.processed(1);
				throw new IllegalStateException("password=hunter2 rejected");
			}));
			assertThat(meters.get("selfobs.worker.cycles")
				.tags("worker", "mailer", "outcome", "success")
				.counter()
				.count()).isEqualTo(2);
			assertThat(meters.get("selfobs.worker.cycles")
				.tags("worker", "mailer", "outcome", "failure")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("selfobs.worker.items")
				.tags("worker", "mailer", "outcome", "processed")
				.counter()
				.count()).isEqualTo(4);
			assertThat(meters.get("selfobs.worker.items")
				.tags("worker", "mailer", "outcome", "delivered")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("selfobs.worker.delivery.latency")
				.tag("worker", "mailer")
				.timer()
				.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
			// Only the two cycles that took items are observed: the empty poll starts no
			// span
			assertThat(meters.get("selfobs.worker.cycle").tag("worker", "mailer").timers()).extracting((t) -> t.count())
				.containsExactlyInAnyOrder(1L, 1L);
			WorkerStatus status = worker.status();
			assertThat(status.cycles()).isEqualTo(3);
			assertThat(status.consecutiveFailures()).isEqualTo(1);
			assertThat(status.lastError()).startsWith("IllegalStateException: ").doesNotContain("hunter2");
		});
	}

	@Test
	void namesAreCheckedAndQueuesUnique() {
		this.contextRunner.withUserConfiguration(QueueConfiguration.class).run((context) -> {
			WorkerRegistry registry = context.getBean(WorkerRegistry.class);
			assertThatIllegalArgumentException().isThrownBy(() -> registry.worker("Bad Name"));
			assertThatIllegalStateException()
				.isThrownBy(() -> registry.register(DurableQueue.of("jobs", () -> QueueBacklog.EMPTY)))
				.withMessageContaining("'jobs'");
		});
	}

	@Test
	void anUnreadableQueueKeepsItsLastBacklogAndShowsTheError() throws InterruptedException {
		java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
		WorkerProperties properties = new WorkerProperties();
		properties.setQueueSampleInterval(Duration.ofMillis(50));
		try (WorkerRegistry registry = new WorkerRegistry(properties, new SimpleMeterRegistry(),
				ObservationRegistry.NOOP, (text) -> text.replace("s3cr3t", "[REDACTED]"),
				java.time.Clock.systemUTC())) {
			registry.register(DurableQueue.of("files", () -> {
				if (broken.get()) {
					throw new IllegalStateException("disk gone, token s3cr3t");
				}
				return new QueueBacklog(5, Instant.now());
			}));
			assertThat(registry.queues().get(0).depth()).isEqualTo(5);
			broken.set(true);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (registry.queues().get(0).sampleError() == null && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			QueueStatus status = registry.queues().get(0);
			assertThat(status.depth()).isEqualTo(5);
			assertThat(status.sampleError()).isEqualTo("IllegalStateException: disk gone, token [REDACTED]");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class QueueConfiguration {

		@Bean
		DurableQueue jobsQueue() {
			return DurableQueue.of("jobs", () -> new QueueBacklog(7, Instant.now().minusSeconds(60)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		static final WorkerRegistry REGISTRY = new WorkerRegistry(new WorkerProperties(), null,
				ObservationRegistry.NOOP, (text) -> text, java.time.Clock.systemUTC());

		@Bean
		WorkerRegistry userWorkerRegistry() {
			return REGISTRY;
		}

	}

}
