package io.selfobs.autoconfigure.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.selfobs.autoconfigure.otlp.InvalidOtlpPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import io.selfobs.autoconfigure.tracing.internal.TraceSamplers;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracing settings: OTLP span export (connection fields inherited), sampling, the paths that are never traced
 * and the export queue.
 */
@ConfigurationProperties("otel.traces")
public class OtelTracesProperties extends OtlpSignalProperties {

	/**
	 * Sampler, as in OTEL_TRACES_SAMPLER: always_on, always_off, traceidratio, parentbased_always_on,
	 * parentbased_always_off or parentbased_traceidratio. Its argument (the ratio) is otel.traces.sampler.arg
	 * (OTEL_TRACES_SAMPLER_ARG).
	 */
	private String sampler = TraceSamplers.DEFAULT;

	/**
	 * Request paths (Spring path patterns, without the context path) that produce no spans. The Prometheus scrape
	 * path (otel.metrics.prometheus.path) and the health probe paths (otel.health.*.path) are always excluded as
	 * well.
	 */
	private List<String> excludedPaths = new ArrayList<>(
			List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**"));

	private final Export export = new Export();

	public OtelTracesProperties() {
		super(OtlpSignal.TRACES);
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		TraceSamplers.validateName(this.sampler);
		for (int i = 0; i < this.excludedPaths.size(); i++) {
			String path = this.excludedPaths.get(i);
			if (path == null || !path.startsWith("/")) {
				throw new InvalidOtlpPropertyException("otel.traces.excluded-paths[" + i + "]", String.valueOf(path),
						"an excluded path must start with '/'", "use a path pattern such as /internal/**");
			}
		}
		this.export.validate();
	}

	public String getSampler() {
		return this.sampler;
	}

	public void setSampler(String sampler) {
		this.sampler = sampler;
	}

	public List<String> getExcludedPaths() {
		return this.excludedPaths;
	}

	public void setExcludedPaths(List<String> excludedPaths) {
		this.excludedPaths = excludedPaths;
	}

	public Export getExport() {
		return this.export;
	}

	/**
	 * The in-memory queue between finished spans and the exporter. Request threads only ever enqueue; a full
	 * queue drops spans (counted in selfobs.export.dropped) instead of blocking.
	 */
	public static class Export {

		/**
		 * Spans held while waiting for export (OTEL_BSP_MAX_QUEUE_SIZE); further spans are dropped.
		 */
		private int maxQueueSize = 2048;

		/**
		 * Spans sent in one export request (OTEL_BSP_MAX_EXPORT_BATCH_SIZE).
		 */
		private int maxBatchSize = 512;

		/**
		 * Delay between two exports (OTEL_BSP_SCHEDULE_DELAY).
		 */
		private Duration scheduleDelay = Duration.ofSeconds(5);

		/**
		 * Time allowed at shutdown to export the spans still queued; what is left after it is lost.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		void validate() {
			if (this.maxQueueSize < 1) {
				throw new InvalidOtlpPropertyException("otel.traces.export.max-queue-size",
						String.valueOf(this.maxQueueSize), "the queue must hold at least one span",
						"use a positive size such as 2048");
			}
			if (this.maxBatchSize < 1 || this.maxBatchSize > this.maxQueueSize) {
				throw new InvalidOtlpPropertyException("otel.traces.export.max-batch-size",
						String.valueOf(this.maxBatchSize), "the batch size must be between 1 and the queue size ("
								+ this.maxQueueSize + ")",
						"use a size such as 512, no larger than otel.traces.export.max-queue-size");
			}
			requirePositive("otel.traces.export.schedule-delay", this.scheduleDelay);
			requirePositive("otel.traces.export.shutdown-timeout", this.shutdownTimeout);
		}

		private static void requirePositive(String property, Duration duration) {
			if (duration == null || duration.isZero() || duration.isNegative()) {
				throw new InvalidOtlpPropertyException(property, String.valueOf(duration),
						"the duration must be positive", "use a positive duration such as 5s");
			}
		}

		public int getMaxQueueSize() {
			return this.maxQueueSize;
		}

		public void setMaxQueueSize(int maxQueueSize) {
			this.maxQueueSize = maxQueueSize;
		}

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public Duration getScheduleDelay() {
			return this.scheduleDelay;
		}

		public void setScheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = scheduleDelay;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

}
