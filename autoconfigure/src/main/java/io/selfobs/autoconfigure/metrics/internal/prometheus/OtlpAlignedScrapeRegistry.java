package io.selfobs.autoconfigure.metrics.internal.prometheus;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;

/**
 * The scrape as the OTLP push looks after the standard OTLP → Prometheus translation.
 * Micrometer's Prometheus registry adds a {@code <name>_max} gauge next to every timer
 * and distribution summary, which an OTLP histogram carries as a field and the
 * translation drops: it is left out here. A timer without buckets is a summary of count
 * and sum to Micrometer's Prometheus registry, but an OTLP histogram without bounds,
 * which the translation turns into a histogram with one {@code +Inf} bucket: it is served
 * as that histogram. Everything else is served as recorded. Internal, not API.
 */
public final class OtlpAlignedScrapeRegistry {

	private static final double[] INF = { Double.POSITIVE_INFINITY };

	private OtlpAlignedScrapeRegistry() {
	}

	/**
	 * A registry serving what {@code source} holds, aligned with the translated OTLP
	 * push.
	 * @param source the Prometheus registry Micrometer records into
	 * @return the registry to scrape
	 */
	public static PrometheusRegistry of(PrometheusRegistry source) {
		PrometheusRegistry aligned = new PrometheusRegistry();
		aligned.register(new Aligned(source));
		return aligned;
	}

	private record Aligned(PrometheusRegistry source) implements MultiCollector {

		@Override
		public MetricSnapshots collect() {
			return aligned(this.source.scrape());
		}

		@Override
		public MetricSnapshots collect(PrometheusScrapeRequest request) {
			return aligned(this.source.scrape(request));
		}

		@Override
		public MetricSnapshots collect(Predicate<String> includedNames) {
			return aligned(this.source.scrape(includedNames));
		}

		@Override
		public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
			return aligned(this.source.scrape(includedNames, request));
		}

	}

	static MetricSnapshots aligned(MetricSnapshots snapshots) {
		Set<String> maxima = new HashSet<>();
		for (MetricSnapshot snapshot : snapshots) {
			if (snapshot instanceof HistogramSnapshot || snapshot instanceof SummarySnapshot) {
				maxima.add(snapshot.getMetadata().getPrometheusName() + "_max");
			}
		}
		if (maxima.isEmpty()) {
			return snapshots;
		}
		MetricSnapshots.Builder kept = MetricSnapshots.builder();
		for (MetricSnapshot snapshot : snapshots) {
			if (snapshot instanceof GaugeSnapshot && maxima.contains(snapshot.getMetadata().getPrometheusName())) {
				continue;
			}
			kept.metricSnapshot((snapshot instanceof SummarySnapshot summary && withoutQuantiles(summary))
					? asHistogram(summary) : snapshot);
		}
		return kept.build();
	}

	private static boolean withoutQuantiles(SummarySnapshot summary) {
		for (SummaryDataPointSnapshot point : summary.getDataPoints()) {
			if (point.getQuantiles().size() > 0) {
				return false;
			}
		}
		return true;
	}

	private static HistogramSnapshot asHistogram(SummarySnapshot summary) {
		MetricMetadata metadata = summary.getMetadata();
		HistogramSnapshot.Builder histogram = HistogramSnapshot.builder()
			.name(metadata.getName())
			.help(metadata.getHelp());
		if (metadata.hasUnit()) {
			histogram.unit(metadata.getUnit());
		}
		for (SummaryDataPointSnapshot point : summary.getDataPoints()) {
			histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
				.classicHistogramBuckets(ClassicHistogramBuckets.of(INF, new long[] { point.getCount() }))
				.sum(point.getSum())
				.labels(point.getLabels())
				.build());
		}
		return histogram.build();
	}

}
