package io.selfobs.autoconfigure.otlp.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Binds the standard {@code OTEL_*} environment variables onto the {@code otel.*} tree
 * where Spring's relaxed binding cannot ({@code k=v} lists, per-signal variables,
 * {@code none} exporters), and switches off Spring Boot's own OTLP metrics push and log
 * exporter, which would otherwise send where selfobs was not told to.
 * <p>
 * Variables that configure Spring Boot itself rather than selfobs
 * ({@code OTEL_PROPAGATORS}) are mapped onto Boot's properties only where Boot does not
 * map them itself (Boot 4.0); on Boot 4.1 and later Boot's own mapping is the one result.
 * See {@link OtelVariablesOwnershipListener} for the exporter switches. Internal, not
 * API.
 */
public final class OtelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the translated variables.
	 */
	public static final String SOURCE_NAME = "selfobsOtelEnvironment";

	static final String DEFAULTS_SOURCE_NAME = "selfobsOtelDefaults";

	private static final Map<String, String> SIGNALS = Map.of("METRICS", "otel.metrics", "TRACES", "otel.traces",
			"LOGS", "otel.logging");

	private static final Map<String, String> PROPAGATORS = Map.of("tracecontext", "W3C", "b3", "B3", "b3multi",
			"B3_MULTI");

	/**
	 * Spring Boot's own mapping of the {@code OTEL_*} variables (Boot 4.1 and later).
	 */
	static final String BOOT_MAPPER_CLASS = "org.springframework.boot.opentelemetry.autoconfigure."
			+ "OpenTelemetryEnvironmentVariableEnvironmentPostProcessor";

	static final String BOOT_MAPPER_ENABLED_PROPERTY = "management.opentelemetry.map-environment-variables";

	private static final Map<String, String> SHARED_TLS_KEYS = Map.of("OTEL_EXPORTER_OTLP_CERTIFICATE",
			"tls.ca-certificate", "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "tls.client-certificate",
			"OTEL_EXPORTER_OTLP_CLIENT_KEY", "tls.client-key");

	private static final Map<String, String> SIGNAL_KEYS = Map.of("ENDPOINT", "endpoint", "PROTOCOL", "protocol",
			"TIMEOUT", "timeout", "COMPRESSION", "compression", "CERTIFICATE", "tls.ca-certificate",
			"CLIENT_CERTIFICATE", "tls.client-certificate", "CLIENT_KEY", "tls.client-key");

	/**
	 * Lowest-precedence defaults: Boot's own OTLP metrics push and log exporter off, and
	 * /actuator/prometheus exposed next to health for users who scrape it there (every
	 * other actuator endpoint stays unexposed).
	 */
	private static final Map<String, Object> DEFAULTS = Map.of("management.otlp.metrics.export.enabled", "false",
			"management.logging.export.otlp.enabled", "false", "management.endpoints.web.exposure.include",
			"health,prometheus");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> variables = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (variables instanceof EnumerablePropertySource<?> enumerable) {
			Map<String, Object> translated = translate(enumerable, !bootMapsVariables(environment, application));
			if (!translated.isEmpty()) {
				environment.getPropertySources()
					.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new MapPropertySource(SOURCE_NAME, translated));
			}
		}
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE_NAME, DEFAULTS));
	}

	/**
	 * Whether Spring Boot maps the {@code OTEL_*} variables onto its own properties
	 * itself.
	 * @param environment the environment, for Boot's switch
	 * @param application the application, for its class loader
	 * @return whether Boot's mapping is present and enabled
	 */
	static boolean bootMapsVariables(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = (application != null) ? application.getClassLoader() : null;
		return ClassUtils.isPresent(BOOT_MAPPER_CLASS, classLoader)
				&& environment.getProperty(BOOT_MAPPER_ENABLED_PROPERTY, Boolean.class, true);
	}

	static Map<String, Object> translate(EnumerablePropertySource<?> variables) {
		return translate(variables, true);
	}

	/**
	 * Translate the variables.
	 * @param variables the process environment
	 * @param bootProperties whether to map variables onto Spring Boot's own properties as
	 * well (when Boot does not do it itself)
	 * @return the properties
	 */
	static Map<String, Object> translate(EnumerablePropertySource<?> variables, boolean bootProperties) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String name : variables.getPropertyNames()) {
			Object value = variables.getProperty(name);
			if (name.startsWith("OTEL_") && value != null) {
				translate(name.toUpperCase(Locale.ROOT), value.toString().trim(), bootProperties, properties);
			}
		}
		return properties;
	}

	private static void translate(String name, String value, boolean bootProperties, Map<String, Object> properties) {
		if ("OTEL_PROPAGATORS".equals(name)) {
			if (bootProperties) {
				translatePropagators(value, properties);
			}
			return;
		}
		if (SHARED_TLS_KEYS.containsKey(name)) {
			// a signal's own variable wins, whichever is read first
			SIGNALS.values()
				.forEach((prefix) -> properties.putIfAbsent(prefix + "." + SHARED_TLS_KEYS.get(name), value));
			return;
		}
		switch (name) {
			case "OTEL_SDK_DISABLED" -> properties.put("otel.enabled", String.valueOf(!Boolean.parseBoolean(value)));
			case "OTEL_RESOURCE_ATTRIBUTES" -> putPairs(name, "otel.resource-attributes", value, properties);
			case "OTEL_EXPORTER_OTLP_HEADERS" -> putPairs(name, "otel.exporter.otlp.headers", value, properties);
			case "OTEL_METRIC_EXPORT_INTERVAL" -> properties.put("otel.metrics.interval-in-millis", value);
			// bare numbers bind to Durations as milliseconds, the unit of the
			// *_SCHEDULE_DELAY variables
			case "OTEL_BSP_MAX_QUEUE_SIZE" -> properties.put("otel.traces.export.max-queue-size", value);
			case "OTEL_BSP_MAX_EXPORT_BATCH_SIZE" -> properties.put("otel.traces.export.max-batch-size", value);
			case "OTEL_BSP_SCHEDULE_DELAY" -> properties.put("otel.traces.export.schedule-delay", value);
			case "OTEL_BLRP_MAX_QUEUE_SIZE" -> properties.put("otel.logging.export.max-queue-size", value);
			case "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE" -> properties.put("otel.logging.export.max-batch-size", value);
			case "OTEL_BLRP_SCHEDULE_DELAY" -> properties.put("otel.logging.export.schedule-delay", value);
			default -> translateSignal(name, value, properties);
		}
	}

	private static void translateSignal(String name, String value, Map<String, Object> properties) {
		SIGNALS.forEach((signal, prefix) -> {
			if (name.equals("OTEL_" + signal + "_EXPORTER") && isNone(value)) {
				properties.put(prefix + ".enabled", "false");
			}
			String exporterPrefix = "OTEL_EXPORTER_OTLP_" + signal + "_";
			if (name.startsWith(exporterPrefix)) {
				String key = name.substring(exporterPrefix.length());
				if ("HEADERS".equals(key)) {
					putPairs(name, prefix + ".headers", value, properties);
				}
				else if (SIGNAL_KEYS.containsKey(key)) {
					properties.put(prefix + "." + SIGNAL_KEYS.get(key), value);
				}
			}
		});
	}

	/**
	 * Maps the OpenTelemetry propagator names onto Spring Boot's propagation types (used
	 * to inject and extract) and its baggage switch, as Spring Boot 4.1 does: names Boot
	 * has no propagator for are left out, and {@code none} turns propagation and baggage
	 * off.
	 */
	private static void translatePropagators(String value, Map<String, Object> properties) {
		java.util.Set<String> names = Arrays.stream(value.split(","))
			.map((name) -> name.trim().toLowerCase(Locale.ROOT))
			.filter((name) -> !name.isEmpty())
			.collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
		if (names.isEmpty()) {
			return;
		}
		if (names.contains("none")) {
			properties.put("management.tracing.propagation.type", "");
			properties.put("management.tracing.baggage.enabled", "false");
			return;
		}
		String types = names.stream()
			.map(PROPAGATORS::get)
			.filter(java.util.Objects::nonNull)
			.distinct()
			.collect(java.util.stream.Collectors.joining(","));
		properties.put("management.tracing.propagation.type", types);
		properties.put("management.tracing.baggage.enabled", String.valueOf(names.contains("baggage")));
	}

	private static boolean isNone(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).allMatch("none"::equalsIgnoreCase);
	}

	/**
	 * The W3C-baggage-like {@code key=value,key2=value2} lists of the OpenTelemetry
	 * specification, values percent-decoded ('+' kept: it is literal in base64 tokens).
	 * An entry that is not a pair would otherwise be lost without a word (a header
	 * missing, every export refused), so it stops startup; header values are secrets and
	 * never shown.
	 */
	private static void putPairs(String variable, String prefix, String list, Map<String, Object> properties) {
		String shown = variable.endsWith("_HEADERS") ? OtlpPropertiesValidator.HIDDEN : list;
		for (String pair : list.split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals <= 0 || pair.substring(0, equals).isBlank()) {
				throw new InvalidOtelPropertyException(variable, shown, "an entry is not a key=value pair",
						"list comma-separated key=value pairs, percent-encoding ',' and '=' in values");
			}
			String key = pair.substring(0, equals).trim();
			String value;
			try {
				value = URLDecoder.decode(pair.substring(equals + 1).trim().replace("+", "%2B"),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidOtelPropertyException(variable, shown,
						"the value of '" + key + "' has a '%' that does not start a percent-encoded byte",
						"write '%' as %25 and other reserved characters as %XX");
			}
			properties.put(prefix + "[" + key + "]", value);
		}
	}

}
