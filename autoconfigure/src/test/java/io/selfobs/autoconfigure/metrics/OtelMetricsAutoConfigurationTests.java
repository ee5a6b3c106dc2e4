package io.selfobs.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.selfobs.autoconfigure.metrics.internal.CardinalityLimitMeterFilter;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.internal.config.OtelEnvironmentPostProcessor;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.RedactionCanaries;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When metrics are pushed, by the one enablement rule, and who wins when beans or Boot's
 * own registry compete.
 */
class OtelMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(
				(context) -> new OtelEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), null))
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, OtlpAutoConfiguration.class,
				OtelMetricsAutoConfiguration.class, OtlpMetricsExportAutoConfiguration.class));

	@Test
	void withoutADestinationNothingIsPushedNotEvenByBootsOwnOtlpRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class)
			.hasSingleBean(CardinalityLimitMeterFilter.class));
	}

	@Test
	void whenExportIsOffBootsOwnOtlpRegistryStaysOffToo() {
		this.runner
			.withPropertyValues("otel.metrics.enabled=false", "otel.exporter.otlp.endpoint=http://collector:4318")
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class));
	}

	@Test
	void aSignalEndpointTurnsExportOn() {
		this.runner.withPropertyValues("otel.metrics.endpoint=http://collector:4318").run((context) -> {
			assertThat(context).hasSingleBean(OtlpMeterRegistry.class);
			assertThat(context.getBean(OtlpConfig.class).url()).isEqualTo("http://collector:4318/v1/metrics");
		});
	}

	@Test
	void aHostnameTurnsExportOnWithTheDefaultPortOfTheProtocol() {
		this.runner.withPropertyValues("otel.metrics.hostname=collector", "otel.metrics.protocol=grpc")
			.run((context) -> assertThat(context.getBean(OtlpConfig.class).url()).isEqualTo("http://collector:4317"));
	}

	@Test
	void theSharedEndpointTurnsExportOnAndGetsTheSignalPath() {
		this.runner.withPropertyValues("otel.exporter.otlp.endpoint=https://gateway/otlp/")
			.run((context) -> assertThat(context.getBean(OtlpConfig.class).url())
				.isEqualTo("https://gateway/otlp/v1/metrics"));
	}

	@Test
	void enabledWithoutADestinationUsesTheOpenTelemetryDefault() {
		this.runner.withPropertyValues("otel.metrics.enabled=true")
			.run((context) -> assertThat(context.getBean(OtlpConfig.class).url())
				.isEqualTo("http://localhost:4318/v1/metrics"));
	}

	@Test
	void anExplicitFalseWinsOverAConfiguredDestination() {
		this.runner.withPropertyValues("otel.metrics.enabled=false", "otel.metrics.endpoint=http://collector:4318")
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class));
	}

	@Test
	void theMasterSwitchTurnsEverySignalOff() {
		this.runner.withPropertyValues("otel.enabled=false", "otel.metrics.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class));
	}

	@Test
	void signalSettingsWinOverSharedDefaults() {
		this.runner
			.withPropertyValues("otel.exporter.otlp.endpoint=http://shared:4318",
					"otel.metrics.endpoint=http://metrics-only:4318/custom", "otel.metrics.interval-in-millis=15000")
			.run((context) -> {
				OtlpConfig config = context.getBean(OtlpConfig.class);
				assertThat(config.url()).isEqualTo("http://metrics-only:4318/custom");
				assertThat(config.step()).hasSeconds(15);
			});
	}

	@Test
	void lamassuStyleUnderscoreKeysBind() {
		this.runner.withPropertyValues("otel.metrics.enabled=true", "otel.metrics.interval_in_millis=5000")
			.run((context) -> assertThat(context.getBean(OtlpConfig.class).step()).hasSeconds(5));
	}

	@Test
	void aUserDefinedRegistryWins() {
		this.runner.withPropertyValues("otel.metrics.enabled=true")
			.withBean("userOtlpRegistry", OtlpMeterRegistry.class, OtlpMeterRegistry::new)
			.run((context) -> assertThat(context).getBean(OtlpMeterRegistry.class)
				.isSameAs(context.getBean("userOtlpRegistry")));
	}

	@Test
	void aMeterRegistryCustomizerIsAppliedToTheOtlpRegistry() {
		this.runner.withPropertyValues("otel.metrics.enabled=true")
			.withBean(TeamTag.class, TeamTag::new)
			.run((context) -> assertThat(
					context.getBean(OtlpMeterRegistry.class).counter("enrolments").getId().getTag("team"))
				.isEqualTo("pki"));
	}

	@Test
	void everyRegistryIncludingOnesTheApplicationAddsGetsRedactedTags() {
		String token = "Bearer " + RedactionCanaries.BEARER_TOKEN;
		this.runner.withConfiguration(AutoConfigurations.of(RedactionAutoConfiguration.class))
			.withPropertyValues("otel.metrics.enabled=true")
			.withBean("applicationRegistry", SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				for (MeterRegistry registry : List.of(context.getBean(OtlpMeterRegistry.class),
						context.getBean("applicationRegistry", SimpleMeterRegistry.class))) {
					Meter.Id id = registry.counter("logins", "authorization", token, "user_email", "a@example.com")
						.getId();
					assertThat(id.getTag("authorization")).isNotNull().doesNotContain(RedactionCanaries.BEARER_TOKEN);
					assertThat(id.getTag("user_email")).isNull();
				}
			});
	}

	@Test
	void withoutTheOtlpRegistryOnTheClasspathNothingIsPushed() {
		this.runner.withPropertyValues("otel.metrics.enabled=true")
			.withClassLoader(new FilteredClassLoader(OtlpMeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class));
	}

	@Test
	void theCardinalityGuardCollapsesValuesOverTheCapIntoOther() {
		this.runner.withPropertyValues("otel.metrics.cardinality.max-tag-values=2")
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String user : new String[] { "a", "b", "c", "d" }) {
					registry.counter("logins", "user", user, "outcome", "ok").increment();
				}
				assertThat(registry.find("logins").counters()).hasSize(3);
				assertThat(registry.get("logins").tag("user", "OTHER").counter().count()).isEqualTo(2);
				assertThat(registry.get("logins").tag("user", "a").counter().count()).isEqualTo(1);
			});
	}

	static class TeamTag implements MeterRegistryCustomizer<OtlpMeterRegistry> {

		@Override
		public void customize(OtlpMeterRegistry registry) {
			registry.config().commonTags("team", "pki");
		}

	}

}
