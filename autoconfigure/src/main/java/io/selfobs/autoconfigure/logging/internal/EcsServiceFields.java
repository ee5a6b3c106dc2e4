package io.selfobs.autoconfigure.logging.internal;

import java.util.Map;

/**
 * The {@code service.*} fields of every ECS line, taken from the same resource attributes every OTLP signal
 * carries.
 *
 * @param name service.name
 * @param version service.version, may be null
 * @param environment service.environment (deployment.environment.name), may be null
 * @param nodeName service.node.name (service.instance.id), may be null
 */
public record EcsServiceFields(String name, String version, String environment, String nodeName) {

	/**
	 * Read the fields from OpenTelemetry resource attributes.
	 * @param attributes the attributes
	 * @return the fields
	 */
	public static EcsServiceFields of(Map<String, String> attributes) {
		return new EcsServiceFields(attributes.get("service.name"), attributes.get("service.version"),
				attributes.get("deployment.environment.name"), attributes.get("service.instance.id"));
	}

}
