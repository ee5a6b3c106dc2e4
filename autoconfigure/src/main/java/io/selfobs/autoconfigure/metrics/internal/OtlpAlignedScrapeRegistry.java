package io.selfobs.autoconfigure.metrics.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

/**
 * The scrape as the OTLP push looks after the standard OTLP → Prometheus translation: Micrometer's Prometheus
 * registry adds a {@code <name>_max} gauge next to every timer and distribution summary, which an OTLP histogram
 * carries as a field and the translation drops, so it is left out here. Everything else is served as recorded.
 * Internal, not API.
 */
public final class OtlpAlignedScrapeRegistry {

	private OtlpAlignedScrapeRegistry() {
	}

	/**
	 * A registry serving what {@code source} holds, without the {@code _max} gauges of histograms and summaries.
	 * @param source Micrometer's Prometheus registry
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
			return withoutMax(this.source.scrape());
		}

		@Override
		public MetricSnapshots collect(PrometheusScrapeRequest request) {
			return withoutMax(this.source.scrape(request));
		}

		@Override
		public MetricSnapshots collect(Predicate<String> includedNames) {
			return withoutMax(this.source.scrape(includedNames));
		}

		@Override
		public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
			return withoutMax(this.source.scrape(includedNames, request));
		}

	}

	static MetricSnapshots withoutMax(MetricSnapshots snapshots) {
		Set<String> distributions = new HashSet<>();
		for (MetricSnapshot snapshot : snapshots) {
			if (snapshot instanceof HistogramSnapshot || snapshot instanceof SummarySnapshot) {
				distributions.add(snapshot.getMetadata().getPrometheusName() + "_max");
			}
		}
		if (distributions.isEmpty()) {
			return snapshots;
		}
		MetricSnapshots.Builder kept = MetricSnapshots.builder();
		for (MetricSnapshot snapshot : snapshots) {
			if (!(snapshot instanceof GaugeSnapshot && distributions.contains(snapshot.getMetadata().getPrometheusName()))) {
				kept.metricSnapshot(snapshot);
			}
		}
		return kept.build();
	}

}
