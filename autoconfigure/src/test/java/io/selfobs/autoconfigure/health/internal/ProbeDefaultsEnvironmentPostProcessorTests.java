package io.selfobs.autoconfigure.health.internal;

import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProbeDefaultsEnvironmentPostProcessorTests {

	private static final String GROUP = "management.endpoint.health.group.";

	private final ProbeDefaultsEnvironmentPostProcessor postProcessor = new ProbeDefaultsEnvironmentPostProcessor();

	@Test
	void addsTheFourProbeGroupsOnTheMainServerPort() {
		StandardEnvironment environment = postProcess(Map.of());
		assertThat(environment.getProperty(GROUP + "liveness.additional-path")).isEqualTo("server:/livez");
		assertThat(environment.getProperty(GROUP + "readiness.additional-path")).isEqualTo("server:/readyz");
		assertThat(environment.getProperty(GROUP + "startup.additional-path")).isEqualTo("server:/startupz");
		assertThat(environment.getProperty(GROUP + "healthz.additional-path")).isEqualTo("server:/healthz");
	}

	@Test
	void livenessAndHealthzAreTheLivenessStateOnly() {
		StandardEnvironment environment = postProcess(Map.of());
		assertThat(members(environment, "liveness")).containsExactly("livenessState");
		assertThat(members(environment, "healthz")).containsExactly("livenessState");
	}

	@Test
	void readinessWaitsForStartupAndStartupIsTheStartupState() {
		StandardEnvironment environment = postProcess(Map.of());
		assertThat(members(environment, "readiness")).containsExactly("readinessState", "startupState");
		assertThat(members(environment, "startup")).containsExactly("startupState");
	}

	@Test
	void probesShowStatusOnlyToAnonymousCallers() {
		StandardEnvironment environment = postProcess(Map.of());
		assertThat(environment.getProperty(GROUP + "readiness.show-components")).isEqualTo("when-authorized");
		assertThat(environment.getProperty(GROUP + "readiness.show-details")).isEqualTo("when-authorized");
	}

	@Test
	void probeComponentsFollowTheUserShowDetailsOfTheGroup() {
		StandardEnvironment environment = postProcess(Map.of(GROUP + "readiness.show-details", "always"));
		assertThat(environment.getProperty(GROUP + "readiness.show-components")).isEqualTo("always");
		assertThat(environment.getProperty(GROUP + "liveness.show-components")).isEqualTo("when-authorized");
	}

	@Test
	void defaultsHaveTheLowestPrecedence() {
		StandardEnvironment environment = postProcess(Map.of());
		PropertySource<?> last = environment.getPropertySources().stream().reduce((first, second) -> second).get();
		assertThat(last.getName()).isEqualTo(ProbeDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void userGroupPropertiesWinOverTheDefaults() {
		StandardEnvironment environment = postProcess(Map.of(GROUP + "readiness.include", "readinessState",
				GROUP + "liveness.additional-path", "server:/alive"));
		assertThat(members(environment, "readiness")).containsExactly("readinessState");
		assertThat(environment.getProperty(GROUP + "liveness.additional-path")).isEqualTo("server:/alive");
	}

	@Test
	void userGroupMembersAsAYamlListWinOverTheDefaults() {
		StandardEnvironment environment = postProcess(Map.of(GROUP + "readiness.include[0]", "readinessState"));
		assertThat(members(environment, "readiness")).containsExactly("readinessState");
	}

	@Test
	void otelHealthPropertiesRenamePathsAndAddOrRemoveMembers() {
		StandardEnvironment environment = postProcess(Map.of("otel.health.readiness.path", "/ready",
				"otel.health.readiness.include", "redis,kafka", "otel.health.readiness.exclude", "startupState"));
		assertThat(environment.getProperty(GROUP + "readiness.additional-path")).isEqualTo("server:/ready");
		assertThat(members(environment, "readiness")).containsExactly("readinessState", "startupState", "redis",
				"kafka");
		assertThat(environment.getProperty(GROUP + "readiness.exclude")).isEqualTo("startupState");
	}

	@Test
	void disabledProbeAddsNoGroup() {
		StandardEnvironment environment = postProcess(Map.of("otel.health.healthz.enabled", "false"));
		assertThat(environment.containsProperty(GROUP + "healthz.additional-path")).isFalse();
		assertThat(environment.containsProperty(GROUP + "healthz.include")).isFalse();
		assertThat(environment.getProperty(GROUP + "liveness.additional-path")).isEqualTo("server:/livez");
	}

	@Test
	void addsNothingWhenHealthProbesAreDisabled() {
		assertThat(postProcess(Map.of("otel.health.enabled", "false")).getPropertySources()
			.contains(ProbeDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void addsNothingWhenBootAvailabilityProbesAreDisabled() {
		assertThat(postProcess(Map.of("management.endpoint.health.probes.enabled", "false")).getPropertySources()
			.contains(ProbeDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void multiSegmentPathIsRejectedNamingTheProperty() {
		assertThatExceptionOfType(InvalidOtelPropertyException.class)
			.isThrownBy(() -> postProcess(Map.of("otel.health.readiness.path", "/health/ready")))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("otel.health.readiness.path");
				assertThat(ex.getValue()).isEqualTo("/health/ready");
			});
	}

	@Test
	void pathUsedByTwoProbesIsRejected() {
		assertThatExceptionOfType(InvalidOtelPropertyException.class)
			.isThrownBy(() -> postProcess(Map.of("otel.health.healthz.path", "/livez")))
			.withMessageContaining("otel.health.healthz.path")
			.withMessageContaining("otel.health.liveness.path");
	}

	@Test
	void disabledProbeMayKeepAnyPath() {
		StandardEnvironment environment = postProcess(
				Map.of("otel.health.healthz.enabled", "false", "otel.health.healthz.path", "/livez"));
		assertThat(environment.getProperty(GROUP + "liveness.additional-path")).isEqualTo("server:/livez");
	}

	@Test
	void aProbeOnTheScrapePathIsRefusedNamingBothProperties() {
		assertThatExceptionOfType(InvalidOtelPropertyException.class)
			.isThrownBy(() -> postProcess(Map.of("otel.health.readiness.path", "/metrics")))
			.withMessageContaining("otel.health.readiness.path")
			.withMessageContaining("otel.metrics.prometheus.path");
		assertThatExceptionOfType(InvalidOtelPropertyException.class)
			.isThrownBy(() -> postProcess(Map.of("otel.metrics.prometheus.path", "/livez")))
			.withMessageContaining("otel.health.liveness.path");
	}

	@Test
	void theScrapePathIsFreeForProbesWhenTheScrapeIsOffTheMainPort() {
		assertThat(postProcess(Map.of("otel.health.readiness.path", "/metrics", "otel.metrics.prometheus.port", "9464"))
			.getProperty(GROUP + "readiness.additional-path")).isEqualTo("server:/metrics");
		assertThat(postProcess(
				Map.of("otel.health.readiness.path", "/metrics", "otel.metrics.prometheus.enabled", "false"))
			.getProperty(GROUP + "readiness.additional-path")).isEqualTo("server:/metrics");
	}

	private StandardEnvironment postProcess(Map<String, Object> userProperties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("user", userProperties));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	private List<String> members(StandardEnvironment environment, String group) {
		return Binder.get(environment).bind(GROUP + group + ".include", Bindable.listOf(String.class)).get();
	}

}
