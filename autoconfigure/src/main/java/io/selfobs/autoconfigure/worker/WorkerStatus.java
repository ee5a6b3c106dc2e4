package io.selfobs.autoconfigure.worker;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A worker as an operator sees it at one moment.
 *
 * @param name the worker name
 * @param state {@code RUNNING} while a cycle is in progress, {@code IDLE} between cycles,
 * {@code STALLED} when no cycle succeeded within the stall threshold (whether a cycle
 * hangs, every cycle fails or cycles stopped)
 * @param stallThreshold time without a successful cycle after which the worker counts as
 * stalled
 * @param lastSuccessfulCycle end of the last successful cycle, {@code null} before the
 * first
 * @param cycles cycles run
 * @param failedCycles cycles that ended with an exception
 * @param consecutiveFailures failed cycles since the last successful one
 * @param itemsDelivered items delivered
 * @param itemsFailed items given up
 * @param lastError type and redacted message of the last failed cycle, {@code null} if
 * none failed
 */
public record WorkerStatus(String name, State state, Duration stallThreshold, @Nullable Instant lastSuccessfulCycle,
		long cycles, long failedCycles, long consecutiveFailures, long itemsDelivered, long itemsFailed,
		@Nullable String lastError) {

	/**
	 * Whether the worker is stalled.
	 * @return {@code true} when stalled
	 */
	public boolean stalled() {
		return this.state == State.STALLED;
	}

	/**
	 * The state of a worker.
	 */
	public enum State {

		/**
		 * Between cycles, the last one within the stall threshold.
		 */
		IDLE,

		/**
		 * A cycle is in progress and the worker is not stalled.
		 */
		RUNNING,

		/**
		 * No cycle succeeded within the stall threshold.
		 */
		STALLED

	}

}
