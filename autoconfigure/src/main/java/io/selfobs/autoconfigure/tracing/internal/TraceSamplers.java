package io.selfobs.autoconfigure.tracing.internal;

import java.util.List;
import java.util.Locale;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.selfobs.autoconfigure.otlp.InvalidOtlpPropertyException;

import org.springframework.util.StringUtils;

/**
 * The samplers of the OpenTelemetry specification ({@code OTEL_TRACES_SAMPLER}), built from their names.
 */
public final class TraceSamplers {

	/**
	 * The OpenTelemetry default: follow the caller's decision, sample every new trace.
	 */
	public static final String DEFAULT = "parentbased_always_on";

	private static final List<String> NAMES = List.of("always_on", "always_off", "traceidratio",
			"parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");

	private TraceSamplers() {
	}

	/**
	 * Check that a sampler name is one selfobs can build.
	 * @param name the configured name
	 */
	public static void validateName(String name) {
		if (name == null || !NAMES.contains(name.trim().toLowerCase(Locale.ROOT))) {
			throw new InvalidOtlpPropertyException("otel.traces.sampler", String.valueOf(name), "unknown sampler",
					"use one of " + String.join(", ", NAMES));
		}
	}

	/**
	 * Build a sampler.
	 * @param name a valid sampler name
	 * @param arg the sampler argument (a ratio between 0 and 1 for the ratio samplers), may be null
	 * @return the sampler
	 */
	public static Sampler create(String name, String arg) {
		validateName(name);
		// checked whatever the sampler: a mistyped ratio must not wait for the day the sampler is switched
		double ratio = ratio(arg);
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "always_on" -> Sampler.alwaysOn();
			case "always_off" -> Sampler.alwaysOff();
			case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
			case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
			case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
			default -> Sampler.parentBased(Sampler.alwaysOn());
		};
	}

	private static double ratio(String arg) {
		if (!StringUtils.hasText(arg)) {
			return 1.0;
		}
		try {
			double ratio = Double.parseDouble(arg.trim());
			if (ratio >= 0.0 && ratio <= 1.0) {
				return ratio;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidOtlpPropertyException("otel.traces.sampler.arg", arg, "not a ratio between 0 and 1",
				"use a number such as 0.25 (OTEL_TRACES_SAMPLER_ARG)");
	}

}
