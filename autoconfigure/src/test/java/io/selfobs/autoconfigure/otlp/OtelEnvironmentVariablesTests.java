package io.selfobs.autoconfigure.otlp;

import java.util.Map;

import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.selfobs.autoconfigure.metrics.OtelMetricsAutoConfiguration;
import io.selfobs.autoconfigure.metrics.OtelMetricsProperties;
import io.selfobs.autoconfigure.otlp.internal.OtelEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard OpenTelemetry environment variables (as the OpenTelemetry Operator injects them) drive selfobs
 * without any {@code otel.*} key.
 */
class OtelEnvironmentVariablesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, OtlpAutoConfiguration.class,
				OtelMetricsAutoConfiguration.class));

	@Test
	void theSharedEndpointVariableTurnsExportOn() {
		withVariables(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))
			.run((context) -> assertThat(context.getBean(OtlpConfig.class).url())
				.isEqualTo("http://collector:4318/v1/metrics"));
	}

	@Test
	void perSignalVariablesWinAndHeadersListsAreParsed() {
		withVariables(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://shared:4318", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
				"http://metrics:4317", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_HEADERS",
				"api-key=abc%20def,x-tenant=acme", "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "x-token=a+b/c==",
				"OTEL_METRIC_EXPORT_INTERVAL", "7000", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "2500"))
			.run((context) -> {
				OtlpConfig config = context.getBean(OtlpConfig.class);
				assertThat(config.url()).isEqualTo("http://metrics:4317");
				assertThat(config.step()).hasMillis(7000);
				assertThat(config.headers()).containsEntry("api-key", "abc def")
					.containsEntry("x-tenant", "acme")
					.containsEntry("x-token", "a+b/c==");
				OtlpDestination destination = context.getBean(OtlpDestinationResolver.class)
					.resolve(context.getBean(OtelMetricsProperties.class)).orElseThrow();
				assertThat(destination.protocol()).isEqualTo(OtlpProtocol.GRPC);
				assertThat(destination.timeout()).hasMillis(2500);
			});
	}

	@Test
	void theNoneExporterTurnsTheSignalOff() {
		withVariables(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_METRICS_EXPORTER", "none"))
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class));
	}

	@Test
	void sdkDisabledTurnsEverythingOff() {
		withVariables(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_SDK_DISABLED", "true"))
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpMeterRegistry.class));
	}

	@Test
	void serviceNameAndResourceAttributesReachTheResource() {
		withVariables(Map.of("OTEL_SERVICE_NAME", "billing", "OTEL_RESOURCE_ATTRIBUTES",
				"service.namespace=payments,deployment.environment.name=prod,service.name=ignored"))
			.run((context) -> assertThat(context.getBean(OtelResourceAttributes.class).asMap())
				.containsEntry("service.name", "billing")
				.containsEntry("service.namespace", "payments")
				.containsEntry("deployment.environment.name", "prod"));
	}

	@Test
	void batchProcessorVariablesReachTheTraceAndLogQueues() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "4096", "OTEL_BSP_SCHEDULE_DELAY", "250",
								"OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", "64")));
		new OtelEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		Binder binder = Binder.get(environment);
		assertThat(binder.bind("otel.traces.export.max-queue-size", Integer.class).get()).isEqualTo(4096);
		assertThat(binder.bind("otel.traces.export.schedule-delay", java.time.Duration.class).get()).hasMillis(250);
		assertThat(binder.bind("otel.logging.export.max-batch-size", Integer.class).get()).isEqualTo(64);
	}

	@Test
	void propagatorsVariableSelectsBootsPropagationTypes() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("OTEL_PROPAGATORS", "tracecontext,baggage,b3multi,xray")));
		new OtelEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		assertThat(Binder.get(environment).bind("management.tracing.propagation.type", String[].class).get())
			.containsExactly("W3C", "B3_MULTI");
	}

	private ApplicationContextRunner withVariables(Map<String, Object> variables) {
		return this.runner.withInitializer((context) -> {
			context.getEnvironment().getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
			new OtelEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), null);
		});
	}

}
