package io.selfobs.autoconfigure.health;

import java.time.Duration;
import java.util.List;

import io.selfobs.autoconfigure.health.internal.DataSourceReadinessGroupsPostProcessor;
import io.selfobs.autoconfigure.health.internal.ProbeDefaultsEnvironmentPostProcessor;
import io.selfobs.autoconfigure.health.internal.StartupStateHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class HealthProbesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> new ProbeDefaultsEnvironmentPostProcessor()
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
		.withConfiguration(AutoConfigurations.of(HealthProbesAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class));

	private final ApplicationContextRunner withDataSource = this.contextRunner.withConfiguration(AutoConfigurations
		.of(DataSourceAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class));

	@Test
	void startupStateIsDownUntilTheApplicationIsReady() {
		this.contextRunner.run((context) -> {
			assertThat(startupStatus(context)).isEqualTo(Status.DOWN);
			publishApplicationReady(context);
			assertThat(startupStatus(context)).isEqualTo(Status.UP);
		});
	}

	@Test
	void startupStateWaitsForEveryStartupTask() {
		this.contextRunner.run((context) -> {
			StartupTask migration = context.getBean(StartupGate.class).begin("migration");
			publishApplicationReady(context);
			assertThat(startupStatus(context)).isEqualTo(Status.DOWN);
			assertThat(context.getBean(StartupStateHealthIndicator.class).health().getDetails())
				.containsEntry("pendingTasks", List.of("migration"));
			migration.complete();
			assertThat(startupStatus(context)).isEqualTo(Status.UP);
		});
	}

	@Test
	void startupStateStaysUpOnceStarted() {
		this.contextRunner.run((context) -> {
			publishApplicationReady(context);
			context.getBean(StartupGate.class).begin("late");
			assertThat(startupStatus(context)).isEqualTo(Status.UP);
		});
	}

	@Test
	void userStartupGateReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(UserStartupGateConfiguration.class)
			.run((context) -> assertThat(context.getBean(StartupGate.class))
				.isSameAs(context.getBean("userStartupGate")));
	}

	@Test
	void startupGateIsThereWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthEndpoint.class)).run((context) -> {
			assertThat(context).hasSingleBean(StartupGate.class);
			assertThat(context).doesNotHaveBean(StartupStateHealthIndicator.class);
			assertThat(context).doesNotHaveBean(ProbePaths.class);
		});
	}

	@Test
	void probeGroupsBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("otel.health.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(StartupGate.class);
			assertThat(context).doesNotHaveBean(StartupStateHealthIndicator.class);
			assertThat(context).doesNotHaveBean(DataSourceReadinessGroupsPostProcessor.class);
			assertThat(context.getBean(ProbePaths.class).paths()).isEmpty();
		});
	}

	@Test
	void probeGroupsBackOffWhenBootAvailabilityProbesAreDisabled() {
		this.contextRunner.withPropertyValues("management.endpoint.health.probes.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(StartupStateHealthIndicator.class));
	}

	@Test
	void readinessIncludesTheDataSourceAndLivenessDoesNot() {
		this.withDataSource.run((context) -> {
			assertThat(context).hasBean("dbHealthContributor");
			assertThat(group(context, "readiness").isMember("db")).isTrue();
			assertThat(group(context, "readiness").isMember("db/secondary")).isTrue();
			assertThat(group(context, "liveness").isMember("db")).isFalse();
			assertThat(group(context, "healthz").isMember("db")).isFalse();
			assertThat(group(context, "startup").isMember("db")).isFalse();
		});
	}

	@Test
	void startsWithoutADataSource() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("dbHealthContributor");
			assertThat(group(context, "readiness").isMember("readinessState")).isTrue();
		});
	}

	@Test
	void userReadinessMembersLeaveTheDataSourceOut() {
		this.withDataSource.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState")
			.run((context) -> assertThat(group(context, "readiness").isMember("db")).isFalse());
	}

	@Test
	void userReadinessExclusionsLeaveTheDataSourceOut() {
		this.withDataSource.withPropertyValues("management.endpoint.health.group.readiness.exclude=startupState")
			.run((context) -> {
				assertThat(group(context, "readiness").isMember("db")).isFalse();
				assertThat(group(context, "readiness").isMember("startupState")).isFalse();
			});
	}

	@Test
	void otelReadinessExcludeRemovesTheDataSource() {
		this.withDataSource.withPropertyValues("otel.health.readiness.exclude=db")
			.run((context) -> assertThat(group(context, "readiness").isMember("db")).isFalse());
	}

	@Test
	void probePathsListTheFourProbes() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ProbePaths.class).paths())
			.containsExactlyInAnyOrder("/livez", "/readyz", "/startupz", "/healthz"));
	}

	@Test
	void probePathsFollowRenamedAndDisabledProbes() {
		this.contextRunner
			.withPropertyValues("otel.health.readiness.path=/ready", "otel.health.healthz.enabled=false",
					"management.endpoint.health.group.liveness.additional-path=server:alive")
			.run((context) -> {
				ProbePaths probePaths = context.getBean(ProbePaths.class);
				assertThat(probePaths.paths()).containsExactlyInAnyOrder("/alive", "/ready", "/startupz");
				assertThat(probePaths.isProbePath("/ready")).isTrue();
				assertThat(probePaths.isProbePath("/api/orders")).isFalse();
			});
	}

	private static Status startupStatus(AssertableApplicationContext context) {
		return context.getBean(StartupStateHealthIndicator.class).health().getStatus();
	}

	private static HealthEndpointGroup group(AssertableApplicationContext context, String name) {
		HealthEndpointGroup group = context.getBean(HealthEndpointGroups.class).get(name);
		assertThat(group).as(name).isNotNull();
		return group;
	}

	private static void publishApplicationReady(AssertableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(), Duration.ZERO));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStartupGateConfiguration {

		@Bean
		StartupGate userStartupGate() {
			return mock(StartupGate.class);
		}

	}

}
