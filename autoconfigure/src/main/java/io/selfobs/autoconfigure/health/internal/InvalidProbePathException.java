package io.selfobs.autoconfigure.health.internal;

import io.selfobs.autoconfigure.health.HealthProbeProperties;

/**
 * Thrown at startup when a configured probe path cannot be served.
 */
public final class InvalidProbePathException extends RuntimeException {

	private final ProbeGroup group;

	private final String value;

	private final String reason;

	InvalidProbePathException(ProbeGroup group, String value, String reason) {
		super("Invalid value '" + value + "' for property '" + group.propertyPrefix() + "path': " + reason);
		this.group = group;
		this.value = value;
		this.reason = reason;
	}

	String property() {
		return this.group.propertyPrefix() + "path";
	}

	String value() {
		return this.value;
	}

	String reason() {
		return this.reason;
	}

	String defaultPath() {
		return this.group.probe(new HealthProbeProperties()).getPath();
	}

	String enabledProperty() {
		return this.group.propertyPrefix() + "enabled";
	}

}
