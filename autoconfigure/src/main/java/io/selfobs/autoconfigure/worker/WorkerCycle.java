package io.selfobs.autoconfigure.worker;

import java.time.Instant;

/**
 * What one cycle of a {@link Worker} did with its items. Each call adds to
 * {@code selfobs.worker.items} with the matching {@code outcome} tag and to the cycle's
 * span attributes.
 */
public interface WorkerCycle {

	/**
	 * Items taken from the queue in this cycle.
	 * @param items how many
	 */
	void processed(int items);

	/**
	 * One item handed on successfully (accepted by its destination).
	 * @param enqueuedAt when the item was enqueued, for
	 * {@code selfobs.worker.delivery.latency}
	 */
	void delivered(Instant enqueuedAt);

	/**
	 * Items that failed and will be attempted again later.
	 * @param items how many
	 */
	void retried(int items);

	/**
	 * Items given up for good (dead-lettered, discarded).
	 * @param items how many
	 */
	void failed(int items);

}
