package io.selfobs.autoconfigure.otlp;

import java.time.Duration;

/**
 * The bounded in-process queue between application threads and an OTLP exporter, shared
 * by traces and logs. Application threads only ever enqueue; a full queue drops items
 * (counted in {@code selfobs.export.dropped}) instead of blocking.
 */
public class OtlpBatchSettings {

	/**
	 * Items held while waiting for export; further items are dropped.
	 */
	private int maxQueueSize = 2048;

	/**
	 * Items sent in one export request (at most the queue size).
	 */
	private int maxBatchSize = 512;

	/**
	 * Longest wait before a partial batch is sent.
	 */
	private Duration scheduleDelay;

	/**
	 * Time allowed at shutdown to export what is still queued; what is left after it is
	 * lost.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Create settings with a signal's own default delay.
	 * @param scheduleDelay the default schedule delay
	 */
	public OtlpBatchSettings(Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

	/**
	 * Check the settings, naming the offending property.
	 * @param prefix the property prefix, e.g. {@code otel.traces.export}
	 */
	public void validate(String prefix) {
		if (this.maxQueueSize < 1) {
			throw new InvalidOtelPropertyException(prefix + ".max-queue-size", String.valueOf(this.maxQueueSize),
					"the queue must hold at least one item", "use a positive size such as 2048");
		}
		if (this.maxBatchSize < 1 || this.maxBatchSize > this.maxQueueSize) {
			throw new InvalidOtelPropertyException(prefix + ".max-batch-size", String.valueOf(this.maxBatchSize),
					"the batch size must be between 1 and the queue size (" + this.maxQueueSize + ")",
					"use a size such as 512, no larger than " + prefix + ".max-queue-size");
		}
		requirePositive(prefix + ".schedule-delay", this.scheduleDelay);
		requirePositive(prefix + ".shutdown-timeout", this.shutdownTimeout);
	}

	private static void requirePositive(String property, Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new InvalidOtelPropertyException(property, String.valueOf(duration), "the duration must be positive",
					"use a positive duration such as 5s");
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
