package io.selfobs.autoconfigure.worker;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A durable queue as an operator sees it: the last sample of its backlog.
 *
 * @param name the queue name
 * @param depth items waiting at the last sample
 * @param oldestItemAge age of the oldest waiting item now, {@code null} when the queue
 * was empty
 * @param sampledAt when the backlog was read, {@code null} if it could never be read
 * @param sampleError type and redacted message of the last failed read, {@code null} when
 * the last read worked
 */
public record QueueStatus(String name, long depth, @Nullable Duration oldestItemAge, @Nullable Instant sampledAt,
		@Nullable String sampleError) {
}
