package io.selfobs.autoconfigure.tracing;

import io.selfobs.autoconfigure.otlp.OtelValue;

/**
 * The samplers of the OpenTelemetry specification ({@code OTEL_TRACES_SAMPLER}). The
 * ratio ones take their ratio from {@code otel.traces.sampler.arg}.
 */
public enum TraceSampler implements OtelValue {

	/**
	 * Sample every trace, {@code always_on}.
	 */
	ALWAYS_ON("always_on"),

	/**
	 * Sample no trace, {@code always_off}.
	 */
	ALWAYS_OFF("always_off"),

	/**
	 * Sample the given ratio of traces by trace id, {@code traceidratio}.
	 */
	TRACEIDRATIO("traceidratio"),

	/**
	 * Follow the caller's decision, sample every new trace, {@code parentbased_always_on}
	 * (the default).
	 */
	PARENTBASED_ALWAYS_ON("parentbased_always_on"),

	/**
	 * Follow the caller's decision, sample no new trace, {@code parentbased_always_off}.
	 */
	PARENTBASED_ALWAYS_OFF("parentbased_always_off"),

	/**
	 * Follow the caller's decision, sample the given ratio of new traces,
	 * {@code parentbased_traceidratio}.
	 */
	PARENTBASED_TRACEIDRATIO("parentbased_traceidratio");

	private final String value;

	TraceSampler(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	@Override
	public String valueSetName() {
		return "sampler";
	}

}
