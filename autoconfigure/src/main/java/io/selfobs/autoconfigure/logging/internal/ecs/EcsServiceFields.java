package io.selfobs.autoconfigure.logging.internal.ecs;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code service.*} fields of every ECS line, taken from the same resource attributes
 * every OTLP signal carries.
 *
 * @param name service.name
 * @param version service.version, may be null
 * @param environment service.environment (deployment.environment.name), may be null
 * @param nodeName service.node.name (service.instance.id), may be null Internal, not API.
 */
public record EcsServiceFields(String name, @Nullable String version, @Nullable String environment,
		@Nullable String nodeName) {

	/**
	 * Read the fields from OpenTelemetry resource attributes.
	 * @param attributes the attributes
	 * @return the fields
	 */
	public static EcsServiceFields of(Map<String, String> attributes) {
		return new EcsServiceFields(attributes.getOrDefault("service.name", "unknown_service:java"),
				attributes.get("service.version"), attributes.get("deployment.environment.name"),
				attributes.get("service.instance.id"));
	}

}
