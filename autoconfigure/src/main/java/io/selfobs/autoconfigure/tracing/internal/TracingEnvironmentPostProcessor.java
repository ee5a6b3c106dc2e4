package io.selfobs.autoconfigure.tracing.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Tracing defaults that must be in place before auto-configuration: Spring Boot's own OTLP span exporter stays off
 * (otherwise it would export to whatever management.opentelemetry.* names, beside selfobs' exporter), and the
 * JDBC instrumentation records connections and queries but not every result-set row. Also maps the standard
 * {@code OTEL_BSP_*} batch settings onto {@code otel.traces.export.*}. Every default has the lowest precedence, so
 * a user's own setting wins.
 */
public final class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DEFAULTS_SOURCE_NAME = "selfobsTracingDefaults";

	static final String VARIABLES_SOURCE_NAME = "selfobsTracingEnvironment";

	private static final Map<String, String> DEFAULTS = Map.of("management.tracing.export.otlp.enabled", "false",
			"jdbc.includes", "connection,query");

	private static final Map<String, String> BATCH_VARIABLES = Map.of("OTEL_BSP_MAX_QUEUE_SIZE",
			"otel.traces.export.max-queue-size", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "otel.traces.export.max-batch-size",
			"OTEL_BSP_SCHEDULE_DELAY", "otel.traces.export.schedule-delay");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> variables = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (variables != null) {
			Map<String, Object> translated = new LinkedHashMap<>();
			BATCH_VARIABLES.forEach((variable, property) -> {
				Object value = variables.getProperty(variable);
				if (value != null) {
					// a bare number binds to a Duration as milliseconds, the unit of OTEL_BSP_SCHEDULE_DELAY
					translated.put(property, value);
				}
			});
			if (!translated.isEmpty()) {
				environment.getPropertySources()
					.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new MapPropertySource(VARIABLES_SOURCE_NAME, translated));
			}
		}
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE_NAME, Map.copyOf(DEFAULTS)));
	}

}
