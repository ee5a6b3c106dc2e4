package io.selfobs.autoconfigure.health.internal;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * Whether the probe paths are on: both {@code otel.health.enabled} and Boot's
 * {@code management.endpoint.health.probes.enabled} (which creates the liveness and
 * readiness state contributors the probes are made of) must not be {@code false}.
 */
final class ProbesCondition {

	static final String ENABLED = "otel.health.enabled";

	static final String BOOT_PROBES_ENABLED = "management.endpoint.health.probes.enabled";

	private ProbesCondition() {
	}

	static boolean isEnabled(Binder binder) {
		return binder.bind(ENABLED, Boolean.class).orElse(true)
				&& binder.bind(BOOT_PROBES_ENABLED, Boolean.class).orElse(true);
	}

}
