package io.selfobs.autoconfigure.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Worker and durable-queue telemetry, configured under {@code otel.workers}.
 *
 * @see WorkerAutoConfiguration
 */
@ConfigurationProperties("otel.workers")
public class WorkerProperties implements InitializingBean {

	/**
	 * Whether to provide the WorkerRegistry, worker and queue meters and the 'workers'
	 * health contributor.
	 */
	private boolean enabled = true;

	/**
	 * Time without a successful cycle after which a worker counts as stalled. Keep it
	 * well above the worker's poll interval and longest expected cycle.
	 */
	private Duration stallThreshold = Duration.ofMinutes(5);

	/**
	 * Stall threshold per worker name, overriding 'stall-threshold'.
	 */
	private Map<String, Duration> stallThresholds = new LinkedHashMap<>();

	/**
	 * How often the depth and oldest-item age of every durable queue are read from its
	 * storage.
	 */
	private Duration queueSampleInterval = Duration.ofSeconds(10);

	/**
	 * Readiness contribution of stalled workers.
	 */
	private final Readiness readiness = new Readiness();

	@Override
	public void afterPropertiesSet() {
		requirePositive("otel.workers.stall-threshold", this.stallThreshold, "5m");
		this.stallThresholds.forEach(
				(worker, threshold) -> requirePositive("otel.workers.stall-thresholds." + worker, threshold, "5m"));
		requirePositive("otel.workers.queue-sample-interval", this.queueSampleInterval, "10s");
	}

	// a zero threshold would report every worker stalled, a zero interval cannot be
	// scheduled
	private static void requirePositive(String property, Duration duration, String example) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new InvalidOtelPropertyException(property, String.valueOf(duration), "the duration must be positive",
					"use a positive duration such as " + example);
		}
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getStallThreshold() {
		return this.stallThreshold;
	}

	public void setStallThreshold(Duration stallThreshold) {
		this.stallThreshold = stallThreshold;
	}

	public Map<String, Duration> getStallThresholds() {
		return this.stallThresholds;
	}

	public void setStallThresholds(Map<String, Duration> stallThresholds) {
		this.stallThresholds = stallThresholds;
	}

	public Duration getQueueSampleInterval() {
		return this.queueSampleInterval;
	}

	public void setQueueSampleInterval(Duration queueSampleInterval) {
		this.queueSampleInterval = queueSampleInterval;
	}

	public Readiness getReadiness() {
		return this.readiness;
	}

	/**
	 * Whether a stalled worker takes the instance out of readiness. Liveness never
	 * depends on workers.
	 */
	public static class Readiness {

		/**
		 * Whether the 'workers' health contributor is a member of the readiness probe, so
		 * that a stalled worker makes '/readyz' DOWN.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
