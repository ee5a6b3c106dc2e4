package io.selfobs.autoconfigure.metrics.internal.otlp;

import java.util.Arrays;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import org.jspecify.annotations.Nullable;

/**
 * Names meters for the OTLP push so that the standard OTLP → Prometheus translation (the
 * collector's Prometheus exporter, Prometheus' OTLP receiver) ends at the very name the
 * scrape shows. The two disagree only where the unit already occurs inside the name: the
 * scrape appends it ({@code jvm.threads.live} in {@code threads} becomes
 * {@code jvm_threads_live_threads}), the translation does not ({@code jvm_threads_live}).
 * Such a meter is pushed with the unit as its last name segment
 * ({@code jvm.threads.live.threads}); every other name is pushed as Micrometer names it.
 * Internal, not API.
 */
public final class PrometheusAlignedOtlpNamingConvention implements NamingConvention {

	private final NamingConvention delegate;

	private final String baseTimeUnit;

	public PrometheusAlignedOtlpNamingConvention(NamingConvention delegate, String baseTimeUnit) {
		this.delegate = delegate;
		this.baseTimeUnit = baseTimeUnit;
	}

	@Override
	public String name(String name, Meter.Type type, @Nullable String baseUnit) {
		String named = this.delegate.name(name, type, baseUnit);
		String unit = (type == Meter.Type.TIMER || type == Meter.Type.LONG_TASK_TIMER) ? this.baseTimeUnit : baseUnit;
		if (unit == null || unit.isEmpty()) {
			return named;
		}
		String[] tokens = named.split("[^a-zA-Z0-9:]+");
		boolean endsWithUnit = tokens.length > 0 && tokens[tokens.length - 1].equals(unit);
		boolean containsUnit = Arrays.asList(tokens).contains(unit);
		return (containsUnit && !endsWithUnit) ? named + "." + unit : named;
	}

	@Override
	public String tagKey(String key) {
		return this.delegate.tagKey(key);
	}

	@Override
	public String tagValue(String value) {
		return this.delegate.tagValue(value);
	}

}
