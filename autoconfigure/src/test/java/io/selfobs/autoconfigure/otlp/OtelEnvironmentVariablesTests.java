package io.selfobs.autoconfigure.otlp;

import java.util.Map;

import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.selfobs.autoconfigure.metrics.OtelMetricsAutoConfiguration;
import io.selfobs.autoconfigure.metrics.OtelMetricsProperties;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.internal.config.OtelEnvironmentPostProcessor;
import io.selfobs.autoconfigure.otlp.internal.config.OtelVariablesOwnershipListener;
import io.selfobs.autoconfigure.tracing.internal.TracingEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard OpenTelemetry environment variables (as the OpenTelemetry Operator injects
 * them) drive selfobs without any {@code otel.*} key.
 */
class OtelEnvironmentVariablesTests {

	private static final String OTEL_MAPPER_OF_BOOT = "org.springframework.boot.opentelemetry.autoconfigure."
			+ "OpenTelemetryEnvironmentVariableEnvironmentPostProcessor";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(MetricsAutoConfiguration.class, OtlpAutoConfiguration.class, OtelMetricsAutoConfiguration.class));

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
					.resolve(context.getBean(OtelMetricsProperties.class))
					.orElseThrow();
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
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
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
	void propagatorsVariableSelectsBootsPropagationTypesAndBaggageWhereBootDoesNotMapIt() {
		Binder binder = Binder
			.get(postProcessed(Map.of("OTEL_PROPAGATORS", "tracecontext,baggage,b3multi,xray"), false));
		assertThat(binder.bind("management.tracing.propagation.type", String[].class).get()).containsExactly("W3C",
				"B3_MULTI");
		assertThat(binder.bind("management.tracing.baggage.enabled", Boolean.class).get()).isTrue();
		binder = Binder.get(postProcessed(Map.of("OTEL_PROPAGATORS", "b3"), false));
		assertThat(binder.bind("management.tracing.propagation.type", String[].class).get()).containsExactly("B3");
		assertThat(binder.bind("management.tracing.baggage.enabled", Boolean.class).get()).isFalse();
		binder = Binder.get(postProcessed(Map.of("OTEL_PROPAGATORS", "none"), false));
		assertThat(binder.bind("management.tracing.baggage.enabled", Boolean.class).get()).isFalse();
	}

	@Test
	void propagatorsVariableIsLeftToSpringBootWhereBootMapsItItself() {
		Binder binder = Binder.get(postProcessed(Map.of("OTEL_PROPAGATORS", "b3"), true));
		boolean bootMaps = ClassUtils.isPresent(OTEL_MAPPER_OF_BOOT, null);
		assertThat(binder.bind("management.tracing.propagation.type", String[].class).isBound()).isNotEqualTo(bootMaps);
	}

	@Test
	void sharedCertificateVariablesReachEverySignalAndASignalsOwnWins() {
		Binder binder = Binder.get(postProcessed(Map.of("OTEL_EXPORTER_OTLP_CERTIFICATE", "/etc/otel/ca.pem",
				"OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "/etc/otel/client.pem", "OTEL_EXPORTER_OTLP_CLIENT_KEY",
				"/etc/otel/client.key", "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "/etc/otel/traces-ca.pem"), true));
		assertThat(binder.bind("otel.metrics.tls.ca-certificate", String.class).get()).isEqualTo("/etc/otel/ca.pem");
		assertThat(binder.bind("otel.logging.tls.client-certificate", String.class).get())
			.isEqualTo("/etc/otel/client.pem");
		assertThat(binder.bind("otel.logging.tls.client-key", String.class).get()).isEqualTo("/etc/otel/client.key");
		assertThat(binder.bind("otel.traces.tls.ca-certificate", String.class).get())
			.isEqualTo("/etc/otel/traces-ca.pem");
	}

	/**
	 * Spring Boot 4.1 maps OTEL_TRACES_EXPORTER=otlp (and the metrics and logs variables)
	 * onto its own exporters' switches at the highest precedence, which would export
	 * every signal twice beside selfobs.
	 */
	@Test
	void bootsMappedExporterSwitchesAreDroppedButTheUsersOwnSettingsAndBootsOtherMappingsStay() {
		StandardEnvironment environment = new StandardEnvironment();
		new OtelEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		new TracingEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("applicationConfig",
					Map.of("management.logging.export.otlp.enabled", "true")));
		environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("openTelemetryEnvironmentVariables",
					Map.of("management.tracing.export.otlp.enabled", "true", "management.otlp.metrics.export.enabled",
							"true", "management.opentelemetry.tracing.export.otlp.endpoint",
							"http://collector:4318/v1/traces")));
		new OtelVariablesOwnershipListener().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
				new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
		assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.logging.export.otlp.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo("http://collector:4318/v1/traces");
	}

	private static StandardEnvironment postProcessed(Map<String, Object> variables, boolean bootMayMap) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		if (!bootMayMap) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("application",
						Map.of("management.opentelemetry.map-environment-variables", "false")));
		}
		new OtelEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		return environment;
	}

	private ApplicationContextRunner withVariables(Map<String, Object> variables) {
		return this.runner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables));
			new OtelEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), null);
		});
	}

}
