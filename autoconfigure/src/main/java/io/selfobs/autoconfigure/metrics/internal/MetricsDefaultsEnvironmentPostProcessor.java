package io.selfobs.autoconfigure.metrics.internal;

import java.util.Map;

import io.selfobs.autoconfigure.metrics.MetricNaming;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the OpenTelemetry naming, observations record no long-task timers ({@code *.active}) unless the user says
 * otherwise: an OTLP push carries a long-task timer as a histogram, the scrape as three gauges, so it cannot have
 * one name on both outputs; it also saves a second meter lookup per observation. Supplied as a default of the
 * lowest precedence, so {@code management.metrics.observations.ignored-meters} set anywhere wins. Internal, not
 * API. Internal, not API.
 */
public final class MetricsDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "selfobsMetricsDefaults";

	static final String IGNORED_METERS = "management.metrics.observations.ignored-meters";

	@Override
	public int getOrder() {
		// After config data, so otel.metrics.naming from application.yaml is visible
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		MetricNaming naming = binder
			.bind("otel.metrics.naming", MetricNaming.class)
			.orElse(MetricNaming.OPENTELEMETRY);
		boolean userSet = binder.bind(IGNORED_METERS, Bindable.listOf(String.class)).isBound();
		if (naming == MetricNaming.OPENTELEMETRY && !userSet) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(IGNORED_METERS, "long-task-timer")));
		}
	}

}
