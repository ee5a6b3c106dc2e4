package io.selfobs.autoconfigure.health.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.health.HealthProbeProperties;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Supplies the Actuator health group properties behind the probe paths in a property
 * source of the lowest precedence, so any {@code management.endpoint.health.group.*}
 * property the user sets wins. Internal, not API.
 */
public final class ProbeDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "selfobsHealthProbeDefaults";

	private static final String HEALTH_ENDPOINT_CLASS = "org.springframework.boot.health.actuate.endpoint.HealthEndpoint";

	// Boot maps an additional health path only when it is a single segment
	private static final Pattern SINGLE_SEGMENT_PATH = Pattern.compile("/[^/:]+");

	@Override
	public int getOrder() {
		// After config data, so otel.health.* from application.yaml is visible
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent(HEALTH_ENDPOINT_CLASS, application.getClassLoader())) {
			return;
		}
		Binder binder = Binder.get(environment);
		if (!ProbesCondition.isEnabled(binder)) {
			return;
		}
		HealthProbeProperties properties = binder.bind("otel.health", HealthProbeProperties.class)
			.orElseGet(HealthProbeProperties::new);
		validatePaths(properties, scrapePathOnMainPort(binder));
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (ProbeGroup group : ProbeGroup.values()) {
			group.addGroupProperties(properties, defaults);
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	/**
	 * The Prometheus scrape path when it is served on the main port, where a probe on the
	 * same path would be hidden behind it.
	 */
	private static @Nullable String scrapePathOnMainPort(Binder binder) {
		boolean served = binder.bind("otel.metrics.prometheus.enabled", Boolean.class).orElse(true)
				&& !binder.bind("otel.metrics.prometheus.port", Integer.class).isBound();
		return served ? binder.bind("otel.metrics.prometheus.path", String.class).orElse("/metrics") : null;
	}

	private void validatePaths(HealthProbeProperties properties, @Nullable String scrapePath) {
		Map<String, ProbeGroup> groupsByPath = new HashMap<>();
		for (ProbeGroup group : ProbeGroup.values()) {
			if (!group.probe(properties).isEnabled()) {
				continue;
			}
			String path = group.probe(properties).getPath();
			if (path == null || !SINGLE_SEGMENT_PATH.matcher(path).matches()) {
				throw invalidPath(group, path, "a probe path must be a single segment starting with '/'");
			}
			if (path.equals(scrapePath)) {
				throw invalidPath(group, path,
						"it is the Prometheus scrape path set by 'otel.metrics.prometheus.path'");
			}
			ProbeGroup clash = groupsByPath.putIfAbsent(path, group);
			if (clash != null) {
				throw invalidPath(group, path, "it is already used by '" + clash.propertyPrefix() + "path'");
			}
		}
	}

	private static InvalidOtelPropertyException invalidPath(ProbeGroup group, @Nullable String path, String reason) {
		String property = group.propertyPrefix() + "path";
		String defaultPath = group.probe(new HealthProbeProperties()).getPath();
		return new InvalidOtelPropertyException(property, String.valueOf(path), reason,
				"Set '" + property + "' to a distinct single-segment path such as '" + defaultPath
						+ "', or turn that probe off with '" + group.propertyPrefix() + "enabled=false'.");
	}

}
