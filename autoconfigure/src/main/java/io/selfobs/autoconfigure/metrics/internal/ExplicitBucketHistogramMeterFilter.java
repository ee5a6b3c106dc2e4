package io.selfobs.autoconfigure.metrics.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives the timers it is told about an explicit-bucket histogram (upper bounds in
 * seconds, unless the code registering it set its own) and takes percentile histograms
 * away from every timer and long-task timer. Meant to run before Spring Boot's
 * {@code PropertiesMeterFilter}, so what a user sets under
 * {@code management.metrics.distribution.*} still wins. Internal, not API.
 */
public final class ExplicitBucketHistogramMeterFilter implements MeterFilter {

	private static final String ALL = "all";

	private final double[] defaultBoundaries;

	/** Per name prefix, longest first. */
	private final List<Entry<String, double[]>> boundariesByPrefix;

	/** Per name prefix, longest first. */
	private final List<Entry<String, Boolean>> enabledByPrefix;

	private final boolean enabledForAll;

	public ExplicitBucketHistogramMeterFilter(Map<String, Boolean> enabled, List<Double> defaultBuckets,
			Map<String, List<Double>> meterBuckets) {
		this.enabledForAll = Boolean.TRUE.equals(enabled.get(ALL));
		this.enabledByPrefix = longestFirst(
				enabled.entrySet().stream().filter((entry) -> !entry.getKey().equals(ALL)).toList());
		this.defaultBoundaries = nanos(defaultBuckets);
		this.boundariesByPrefix = longestFirst(meterBuckets.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), nanos(entry.getValue())))
			.toList());
	}

	private static <T> List<Entry<String, T>> longestFirst(List<? extends Entry<String, T>> entries) {
		List<Entry<String, T>> sorted = new ArrayList<>(entries);
		sorted.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
		return List.copyOf(sorted);
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() == Meter.Type.LONG_TASK_TIMER) {
			return DistributionStatisticConfig.builder().percentilesHistogram(false).build().merge(config);
		}
		if (id.getType() != Meter.Type.TIMER) {
			return config;
		}
		double[] own = config.getServiceLevelObjectiveBoundaries();
		double[] boundaries = (own != null && own.length > 0) ? own
				: lookup(this.enabledByPrefix, id.getName(), this.enabledForAll) ? boundaries(id.getName()) : null;
		return DistributionStatisticConfig.builder()
			.percentilesHistogram(false)
			.serviceLevelObjectives((boundaries != null && boundaries.length > 0) ? boundaries : null)
			.build()
			.merge(config);
	}

	private double[] boundaries(String name) {
		return lookup(this.boundariesByPrefix, name, this.defaultBoundaries);
	}

	private static <T> T lookup(List<Entry<String, T>> byPrefix, String name, T fallback) {
		for (Entry<String, T> entry : byPrefix) {
			String prefix = entry.getKey();
			if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
				return entry.getValue();
			}
		}
		return fallback;
	}

	/** Micrometer keeps timer boundaries in nanoseconds. */
	private static double[] nanos(List<Double> seconds) {
		return seconds.stream().mapToDouble((bound) -> Duration.ofNanos(Math.round(bound * 1e9)).toNanos()).toArray();
	}

	@Override
	public String toString() {
		return "ExplicitBucketHistogramMeterFilter" + Arrays.toString(this.defaultBoundaries);
	}

}
