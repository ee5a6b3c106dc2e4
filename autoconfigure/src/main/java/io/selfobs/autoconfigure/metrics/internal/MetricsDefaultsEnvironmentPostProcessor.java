package io.selfobs.autoconfigure.metrics.internal;

import java.util.LinkedHashMap;
import java.util.List;
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
 * Defaults of the OpenTelemetry naming, supplied at the lowest precedence so that the
 * same property set anywhere wins:
 * <ul>
 * <li>observations record no long-task timers ({@code *.active}): an OTLP push carries a
 * long-task timer as a histogram, the scrape as three gauges, so it cannot have one name
 * on both outputs; it also saves a second meter lookup per observation;</li>
 * <li>Spring Boot's meters that only repeat what another series already says are off
 * ({@code management.metrics.enable.<prefix>=false}, see {@link #REDUNDANT_METERS}); each
 * costs lines on every scrape and data points in every push.</li>
 * </ul>
 * Internal, not API.
 */
public final class MetricsDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "selfobsMetricsDefaults";

	static final String IGNORED_METERS = "management.metrics.observations.ignored-meters";

	static final String ENABLE = "management.metrics.enable.";

	/**
	 * Meter name prefixes off by default, with the series that answers the same question.
	 * Spring Boot's {@code PropertiesMeterFilter} reads the most specific key first, so a
	 * user's {@code management.metrics.enable.<prefix>=true} brings one back.
	 */
	static final List<String> REDUNDANT_METERS = List.of(
			// db_client_connection_count{state}, db_client_connection_max,
			// db_client_connection_idle_min
			"jdbc.connections",
			// process_open_fds, process_max_fds
			"process.files",
			// time() - process_start_time_seconds
			"process.uptime",
			// rate(process_cpu_seconds_total) / system_cpu_count
			"process.cpu.usage",
			// jvm_classes_loaded_classes + jvm_classes_unloaded_classes_total
			"jvm.classes.loaded.count",
			// jvm_buffer_memory_used_bytes (equal but for page alignment)
			"jvm.buffer.total.capacity",
			// application_ready_time_seconds, a little later in the same startup
			"application.started.time",
			// zero on a service that keeps no HTTP sessions, as REST and EST services do
			// not
			"tomcat.sessions");

	@Override
	public int getOrder() {
		// After config data, so otel.metrics.naming from application.yaml is visible
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		MetricNaming naming = binder.bind("otel.metrics.naming", MetricNaming.class).orElse(MetricNaming.OPENTELEMETRY);
		if (naming != MetricNaming.OPENTELEMETRY) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (!binder.bind(IGNORED_METERS, Bindable.listOf(String.class)).isBound()) {
			defaults.put(IGNORED_METERS, "long-task-timer");
		}
		REDUNDANT_METERS.forEach((prefix) -> defaults.put(ENABLE + prefix, "false"));
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

}
