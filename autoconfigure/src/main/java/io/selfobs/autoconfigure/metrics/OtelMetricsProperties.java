package io.selfobs.autoconfigure.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Metrics settings: OTLP push (connection fields inherited), the Prometheus pull endpoint
 * and the cardinality guard.
 */
@ConfigurationProperties("otel.metrics")
public class OtelMetricsProperties extends OtlpSignalProperties {

	/**
	 * Push interval in milliseconds (OTEL_METRIC_EXPORT_INTERVAL).
	 */
	private long intervalInMillis = 60000;

	/**
	 * Naming of HTTP, database and process meters: OpenTelemetry semantic conventions or
	 * Micrometer's names.
	 */
	private MetricNaming naming = MetricNaming.OPENTELEMETRY;

	private final Prometheus prometheus = new Prometheus();

	private final Histograms histograms = new Histograms();

	private final Cardinality cardinality = new Cardinality();

	private final Jvm jvm = new Jvm();

	public OtelMetricsProperties() {
		super(OtlpSignal.METRICS);
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		if (this.intervalInMillis <= 0) {
			throw new InvalidOtelPropertyException("otel.metrics.interval-in-millis",
					String.valueOf(this.intervalInMillis), "the push interval must be positive",
					"use a positive number of milliseconds, e.g. 60000");
		}
		if (this.prometheus.port != null && (this.prometheus.port < 0 || this.prometheus.port > 65535)) {
			throw new InvalidOtelPropertyException("otel.metrics.prometheus.port", String.valueOf(this.prometheus.port),
					"port must be between 0 (any free port) and 65535",
					"use a free port such as 9464, or unset it to serve on the main server port");
		}
		if (!this.prometheus.path.startsWith("/") || this.prometheus.path.length() < 2) {
			throw new InvalidOtelPropertyException("otel.metrics.prometheus.path", this.prometheus.path,
					"the path must start with '/' and name a resource", "use a path such as /metrics");
		}
		validateBuckets("otel.metrics.histograms.buckets", this.histograms.buckets);
		this.histograms.meterBuckets
			.forEach((meter, buckets) -> validateBuckets("otel.metrics.histograms.meter-buckets." + meter, buckets));
		if (this.cardinality.maxTagValues < 1) {
			throw new InvalidOtelPropertyException("otel.metrics.cardinality.max-tag-values",
					String.valueOf(this.cardinality.maxTagValues), "the cap must be at least 1",
					"use a positive number such as 100");
		}
	}

	private static void validateBuckets(String property, List<Double> buckets) {
		double previous = 0;
		for (Double bucket : buckets) {
			if (bucket == null || !(bucket > previous) || bucket.isInfinite()) {
				throw new InvalidOtelPropertyException(property, String.valueOf(buckets),
						"bucket boundaries must be finite, positive and strictly increasing",
						"list upper bounds in seconds in increasing order, e.g. 0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10");
			}
			previous = bucket;
		}
	}

	public MetricNaming getNaming() {
		return this.naming;
	}

	public void setNaming(MetricNaming naming) {
		this.naming = naming;
	}

	public Histograms getHistograms() {
		return this.histograms;
	}

	public long getIntervalInMillis() {
		return this.intervalInMillis;
	}

	public void setIntervalInMillis(long intervalInMillis) {
		this.intervalInMillis = intervalInMillis;
	}

	public Prometheus getPrometheus() {
		return this.prometheus;
	}

	public Cardinality getCardinality() {
		return this.cardinality;
	}

	public Jvm getJvm() {
		return this.jvm;
	}

	/**
	 * The Prometheus scrape endpoint.
	 */
	public static class Prometheus {

		/**
		 * Whether to serve the scrape endpoint.
		 */
		private boolean enabled = true;

		/**
		 * Path of the scrape endpoint on the main server port.
		 */
		private String path = "/metrics";

		/**
		 * Dedicated port for the scrape endpoint (served at /metrics there); unset serves
		 * it on the main port.
		 */
		private @Nullable Integer port;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

	}

	/**
	 * Explicit-bucket histograms of duration meters: the same boundaries on the scrape
	 * and in the OTLP push, instead of Micrometer's percentile histograms (never on
	 * long-task timers).
	 */
	public static class Histograms {

		/**
		 * Timers that get a histogram, by meter name or name prefix (the longest match
		 * wins; "all" for every timer): the HTTP and database operation meters by
		 * default. Other timers keep count and sum only.
		 */
		private Map<String, Boolean> enabled = new LinkedHashMap<>(Map.of("http.server.request.duration", true,
				"http.client.request.duration", true, "http.server.requests", true, "http.client.requests", true,
				"db.client.operation.duration", true));

		/**
		 * Bucket upper bounds in seconds (the HTTP semantic conventions' boundaries).
		 */
		private List<Double> buckets = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
				7.5, 10.0);

		/**
		 * Bucket upper bounds in seconds per meter name or name prefix, instead of
		 * buckets (the database semantic conventions' boundaries for db.client.* by
		 * default).
		 */
		private Map<String, List<Double>> meterBuckets = new LinkedHashMap<>(
				Map.of("db.client", List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0)));

		public Map<String, Boolean> getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Map<String, Boolean> enabled) {
			this.enabled = enabled;
		}

		public List<Double> getBuckets() {
			return this.buckets;
		}

		public void setBuckets(List<Double> buckets) {
			this.buckets = buckets;
		}

		public Map<String, List<Double>> getMeterBuckets() {
			return this.meterBuckets;
		}

		public void setMeterBuckets(Map<String, List<Double>> meterBuckets) {
			this.meterBuckets = meterBuckets;
		}

	}

	/**
	 * JVM meters.
	 */
	public static class Jvm {

		/**
		 * Whether the JVM memory gauges (jvm.memory.used, .committed, .max) have a series
		 * per memory pool (id tag, as Micrometer binds them) rather than one per area
		 * (heap, nonheap). Per pool always with otel.metrics.naming=micrometer.
		 */
		private boolean memoryPools;

		public boolean isMemoryPools() {
			return this.memoryPools;
		}

		public void setMemoryPools(boolean memoryPools) {
			this.memoryPools = memoryPools;
		}

	}

	/**
	 * Guard against unbounded tag values (user ids, raw paths) exploding the number of
	 * series.
	 */
	public static class Cardinality {

		/**
		 * Distinct values kept per tag key of one meter; later values are recorded as
		 * OTHER.
		 */
		private int maxTagValues = 100;

		public int getMaxTagValues() {
			return this.maxTagValues;
		}

		public void setMaxTagValues(int maxTagValues) {
			this.maxTagValues = maxTagValues;
		}

	}

}
