package io.selfobs.autoconfigure.metrics;

import io.selfobs.autoconfigure.otlp.InvalidOtlpPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Metrics settings: OTLP push (connection fields inherited), the Prometheus pull endpoint and the cardinality
 * guard.
 */
@ConfigurationProperties("otel.metrics")
public class OtelMetricsProperties extends OtlpSignalProperties {

	/**
	 * Push interval in milliseconds (OTEL_METRIC_EXPORT_INTERVAL).
	 */
	private long intervalInMillis = 60000;

	private final Prometheus prometheus = new Prometheus();

	private final Cardinality cardinality = new Cardinality();

	public OtelMetricsProperties() {
		super(OtlpSignal.METRICS);
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		if (this.intervalInMillis <= 0) {
			throw new InvalidOtlpPropertyException("otel.metrics.interval-in-millis", String.valueOf(this.intervalInMillis),
					"the push interval must be positive", "use a positive number of milliseconds, e.g. 60000");
		}
		if (this.prometheus.port != null && (this.prometheus.port < 0 || this.prometheus.port > 65535)) {
			throw new InvalidOtlpPropertyException("otel.metrics.prometheus.port", String.valueOf(this.prometheus.port),
					"port must be between 0 (any free port) and 65535",
					"use a free port such as 9464, or unset it to serve on the main server port");
		}
		if (!this.prometheus.path.startsWith("/") || this.prometheus.path.length() < 2) {
			throw new InvalidOtlpPropertyException("otel.metrics.prometheus.path", this.prometheus.path,
					"the path must start with '/' and name a resource", "use a path such as /metrics");
		}
		if (this.cardinality.maxTagValues < 1) {
			throw new InvalidOtlpPropertyException("otel.metrics.cardinality.max-tag-values",
					String.valueOf(this.cardinality.maxTagValues), "the cap must be at least 1",
					"use a positive number such as 100");
		}
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
		 * Dedicated port for the scrape endpoint (served at /metrics there); unset serves it on the main port.
		 */
		private Integer port;

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

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			this.port = port;
		}

	}

	/**
	 * Guard against unbounded tag values (user ids, raw paths) exploding the number of series.
	 */
	public static class Cardinality {

		/**
		 * Distinct values kept per tag key of one meter; later values are recorded as OTHER.
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
