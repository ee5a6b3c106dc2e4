package io.selfobs.autoconfigure.metrics.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives every timer an explicit-bucket histogram (upper bounds in seconds, unless the code registering it set its
 * own) and takes percentile histograms away from timers and long-task timers. Meant to run before Spring Boot's {@code PropertiesMeterFilter}, so what a
 * user sets under {@code management.metrics.distribution.*} still wins. Internal, not API.
 */
public final class ExplicitBucketHistogramMeterFilter implements MeterFilter {

	private final double[] defaultBoundaries;

	/** Per name prefix, longest first. */
	private final List<Entry<String, double[]>> boundariesByPrefix;

	public ExplicitBucketHistogramMeterFilter(List<Double> defaultBuckets, Map<String, List<Double>> meterBuckets) {
		this.defaultBoundaries = nanos(defaultBuckets);
		this.boundariesByPrefix = meterBuckets.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), nanos(entry.getValue())))
			.sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
			.toList();
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
		double[] boundaries = (own != null && own.length > 0) ? own : boundaries(id.getName());
		return DistributionStatisticConfig.builder()
			.percentilesHistogram(false)
			.serviceLevelObjectives((boundaries.length > 0) ? boundaries : null)
			.build()
			.merge(config);
	}

	private double[] boundaries(String name) {
		for (Entry<String, double[]> entry : this.boundariesByPrefix) {
			String prefix = entry.getKey();
			if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
				return entry.getValue();
			}
		}
		return this.defaultBoundaries;
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
