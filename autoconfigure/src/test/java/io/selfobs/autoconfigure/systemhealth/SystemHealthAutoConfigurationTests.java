package io.selfobs.autoconfigure.systemhealth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.worker.QueueStatus;
import io.selfobs.autoconfigure.worker.WorkerAutoConfiguration;
import io.selfobs.autoconfigure.worker.WorkerStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SystemHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("management.endpoint.health.probes.enabled=true")
		.withConfiguration(AutoConfigurations.of(SystemHealthAutoConfiguration.class, WorkerAutoConfiguration.class,
				RedactionAutoConfiguration.class, EndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				ObservationAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
				AvailabilityProbesAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class));

	@Test
	void pageIsNotCreatedUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SystemHealthEndpoint.class)
			.hasSingleBean(ServiceSnapshotReader.class));
	}

	@Test
	void pageIsCreatedWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=systemhealth")
			.run((context) -> assertThat(context).hasSingleBean(SystemHealthEndpoint.class));
	}

	@Test
	void pageCanBeTurnedOffWhileTheSnapshotReaderStays() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=systemhealth",
					"otel.system-health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemHealthEndpoint.class)
				.hasSingleBean(ServiceSnapshotReader.class));
	}

	@Test
	void pageAnswers404OnTheMainServerPortUnlessAllowed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=systemhealth")
			.run((context) -> {
				SystemHealthEndpoint endpoint = context.getBean(SystemHealthEndpoint.class);
				assertThat(endpoint.page(WebServerNamespace.SERVER).getStatus()).isEqualTo(404);
				WebEndpointResponse<String> page = endpoint.page(WebServerNamespace.MANAGEMENT);
				assertThat(page.getStatus()).isEqualTo(200);
				assertThat(page.getContentType().toString()).startsWith("text/html");
			});
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=systemhealth",
					"otel.system-health.allow-on-server-port=true")
			.run((context) -> assertThat(
					context.getBean(SystemHealthEndpoint.class).page(WebServerNamespace.SERVER).getStatus())
				.isEqualTo(200));
	}

	@Test
	void failingComponentIsNamedAndItsDetailsRedacted() {
		this.contextRunner.withUserConfiguration(BrokenDependencyConfiguration.class)
			.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState,broker")
			.run((context) -> {
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				ServiceSnapshot snapshot = context.getBean(ServiceSnapshotReader.class).everything();
				ServiceSnapshot.Group readiness = snapshot.groups()
					.stream()
					.filter((group) -> group.name().equals("readiness"))
					.findFirst()
					.orElseThrow();
				assertThat(readiness.status()).isEqualTo("DOWN");
				ServiceSnapshot.Component broker = readiness.failing()
					.stream()
					.filter((member) -> member.name().equals("broker"))
					.findFirst()
					.orElseThrow();
				assertThat(broker.details()).containsEntry("password", "[REDACTED]")
					.containsEntry("host", "broker:5672");
				ServiceSnapshot.Group liveness = snapshot.groups()
					.stream()
					.filter((group) -> group.name().equals("liveness"))
					.findFirst()
					.orElseThrow();
				assertThat(liveness.status()).isEqualTo("UP");
				assertThat(snapshot.groups()).extracting(ServiceSnapshot.Group::name).contains("all");
			});
	}

	@Test
	void everyValueOnThePageIsEscapedAndStatesReadInWords() {
		SystemHealthProperties properties = new SystemHealthProperties();
		Instant now = Instant.parse("2026-01-01T12:00:00Z");
		ServiceSnapshot snapshot = new ServiceSnapshot(now,
				Map.of("service.name", "<script>alert(1)</script>", "service.version", "1.0\"onload=\"x"),
				List.of(new ServiceSnapshot.Group("readiness", "DOWN",
						List.of(new ServiceSnapshot.Component("db<b>", "DOWN", Map.of())))),
				List.of(new WorkerStatus("mailer", WorkerStatus.State.STALLED, Duration.ofMinutes(5),
						now.minusSeconds(600), 10, 2, 2, 8, 0, "IOException: <img src=x onerror=alert(1)>")),
				List.of(new QueueStatus("outbox", 384, Duration.ofMinutes(7), now, null),
						new QueueStatus("mail", 2, Duration.ofSeconds(70), now, null),
						new QueueStatus("idle", 0, null, now, null)),
				List.of(new ServiceSnapshot.Pipeline("traces", true, "https://collector:4317", "grpc", null, 0,
						Map.of("unreachable", 3L), Map.of("export_failed", 12L))));
		String html = new SystemHealthPage(properties).render(snapshot);
		assertThat(html).doesNotContain("<script>", "<img", "<b>", "onload=\"x")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("db&lt;b&gt; (DOWN)")
			.contains("<tr class=\"bad\" data-worker=\"mailer\" data-state=\"STALLED\">")
			.contains("STALLED (threshold 5 min 0 s)")
			.contains("<tr class=\"bad\" data-queue=\"outbox\" data-depth=\"384\"")
			.contains("BACKED UP")
			.contains("<tr class=\"warn\" data-queue=\"mail\"")
			.contains("<tr class=\"ok\" data-queue=\"idle\"")
			.contains("FAILING")
			.contains("unreachable: 3")
			.contains("<meta http-equiv=\"refresh\" content=\"15\">")
			.contains("<th scope=\"col\">Oldest item age</th>")
			.contains("<html lang=\"en\">");
		properties.setRefreshInterval(Duration.ZERO);
		assertThat(new SystemHealthPage(properties).render(snapshot)).doesNotContain("http-equiv=\"refresh\"");
	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenDependencyConfiguration {

		@Bean
		HealthIndicator brokerHealthIndicator() {
			return () -> Health.down().withDetail("password", "hunter2").withDetail("host", "broker:5672").build();
		}

	}

}
