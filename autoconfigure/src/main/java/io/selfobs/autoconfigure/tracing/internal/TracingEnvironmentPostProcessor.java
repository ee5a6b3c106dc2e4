package io.selfobs.autoconfigure.tracing.internal;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing defaults that must be in place before auto-configuration: Spring Boot's own
 * OTLP span exporter stays off (otherwise it would export to whatever
 * management.opentelemetry.* names, beside selfobs' exporter). Every default has the
 * lowest precedence, so a user's own setting wins. Internal, not API.
 */
public final class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DEFAULTS_SOURCE_NAME = "selfobsTracingDefaults";

	private static final Map<String, String> DEFAULTS = Map.of("management.tracing.export.otlp.enabled", "false");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE_NAME, Map.copyOf(DEFAULTS)));
	}

}
