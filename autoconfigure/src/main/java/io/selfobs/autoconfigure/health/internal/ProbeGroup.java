package io.selfobs.autoconfigure.health.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.selfobs.autoconfigure.health.HealthProbeProperties;
import io.selfobs.autoconfigure.health.HealthProbeProperties.Probe;

/**
 * The Actuator health groups behind the probes, with the members each has by default.
 */
enum ProbeGroup {

	LIVENESS("liveness", HealthProbeProperties::getLiveness, "livenessState"),

	READINESS("readiness", HealthProbeProperties::getReadiness, "readinessState", "startupState"),

	STARTUP("startup", HealthProbeProperties::getStartup, "startupState"),

	HEALTHZ("healthz", HealthProbeProperties::getHealthz, "livenessState");

	private static final String GROUP_PREFIX = "management.endpoint.health.group.";

	// Probes answer unauthenticated callers such as the kubelet: status only
	private static final String STATUS_ONLY_UNLESS_AUTHORIZED = "when-authorized";

	private final String name;

	private final Function<HealthProbeProperties, Probe> probe;

	private final List<String> defaultMembers;

	ProbeGroup(String name, Function<HealthProbeProperties, Probe> probe, String... defaultMembers) {
		this.name = name;
		this.probe = probe;
		this.defaultMembers = List.of(defaultMembers);
	}

	String groupName() {
		return this.name;
	}

	String propertyPrefix() {
		return "otel.health." + this.name + ".";
	}

	Probe probe(HealthProbeProperties properties) {
		return this.probe.apply(properties);
	}

	/**
	 * Add the Actuator group properties that serve this probe.
	 * @param properties the bound {@code otel.health} properties
	 * @param defaults the map to add the group properties to
	 */
	void addGroupProperties(HealthProbeProperties properties, Map<String, Object> defaults) {
		Probe probe = probe(properties);
		if (!probe.isEnabled()) {
			return;
		}
		String prefix = GROUP_PREFIX + this.name + ".";
		Set<String> members = new LinkedHashSet<>(this.defaultMembers);
		members.addAll(probe.getInclude());
		defaults.put(prefix + "include", String.join(",", members));
		if (!probe.getExclude().isEmpty()) {
			defaults.put(prefix + "exclude", String.join(",", probe.getExclude()));
		}
		defaults.put(prefix + "additional-path", "server:" + probe.getPath());
		defaults.put(prefix + "show-details", STATUS_ONLY_UNLESS_AUTHORIZED);
		// Components follow the group's show-details, so one user property reveals both
		defaults.put(prefix + "show-components", "${" + prefix + "show-details:" + STATUS_ONLY_UNLESS_AUTHORIZED + "}");
	}

}
