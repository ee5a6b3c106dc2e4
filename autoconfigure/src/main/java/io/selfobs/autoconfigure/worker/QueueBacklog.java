package io.selfobs.autoconfigure.worker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link DurableQueue} holds at one moment.
 *
 * @param depth items waiting, zero or more
 * @param oldestItemEnqueuedAt when the oldest waiting item was enqueued, {@code null}
 * when the queue is empty
 */
public record QueueBacklog(long depth, @Nullable Instant oldestItemEnqueuedAt) {

	/**
	 * An empty queue.
	 */
	public static final QueueBacklog EMPTY = new QueueBacklog(0, null);

	public QueueBacklog {
		if (depth < 0) {
			throw new IllegalArgumentException("A queue depth cannot be negative: " + depth);
		}
	}

}
