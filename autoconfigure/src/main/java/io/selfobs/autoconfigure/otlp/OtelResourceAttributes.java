package io.selfobs.autoconfigure.otlp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The resource every signal carries: user attributes (including
 * {@code OTEL_RESOURCE_ATTRIBUTES}) overlaid with the service identity, so metrics,
 * traces and logs of one process always describe the same service instance.
 */
public final class OtelResourceAttributes {

	private final Map<String, String> attributes;

	/**
	 * Create the attributes of this process.
	 * @param otel the {@code otel.*} settings
	 * @param applicationName {@code spring.application.name}, may be null
	 * @param buildVersion the build-info version, may be null
	 */
	public OtelResourceAttributes(OtelProperties otel, @Nullable String applicationName,
			@Nullable String buildVersion) {
		Map<String, String> map = new LinkedHashMap<>(otel.getResourceAttributes());
		OtelProperties.Service service = otel.getService();
		String name = firstText(service.getName(), map.get("service.name"), applicationName, "unknown_service:java");
		map.put("service.name", name);
		putIfText(map, "service.version", firstText(service.getVersion(), map.get("service.version"), buildVersion));
		map.put("service.instance.id", firstText(map.get("service.instance.id"), UUID.randomUUID().toString()));
		putIfText(map, "deployment.environment.name",
				firstText(service.getEnvironment(), map.get("deployment.environment.name")));
		this.attributes = Collections.unmodifiableMap(map);
	}

	/**
	 * The attributes, service identity included.
	 * @return an unmodifiable map
	 */
	public Map<String, String> asMap() {
		return this.attributes;
	}

	private static void putIfText(Map<String, String> map, String key, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			map.put(key, value);
		}
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

}
