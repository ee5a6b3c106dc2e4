package io.selfobs.autoconfigure.logging.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.LoggerFactory;

/**
 * Console lines lost, by reason, counted from the first line of the process (logging starts before any meter
 * registry exists; {@code selfobs_log_dropped_total} reads these counts). A queue overflow is warned about at most
 * once a minute, through logback: the console itself drops the warning while it is full, every other appender
 * (OTLP) gets it, and the console writer reports the count on stdout once it can write again. Internal, not API.
 */
public final class ConsoleDrops {

	/**
	 * Why a line was lost.
	 */
	public enum Reason {

		/**
		 * The queue was full: stdout is stalled or slower than the service logs.
		 */
		QUEUE_FULL("queue_full"),

		/**
		 * The application stopped and stdout did not take the queued lines within the shutdown timeout.
		 */
		SHUTDOWN("shutdown"),

		/**
		 * The encoder failed on the event.
		 */
		ENCODING_FAILED("encoding_failed");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/**
		 * The value of the {@code reason} tag.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

	static final String WARNING_LOGGER = "selfobs.logging.console";

	private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final ConsoleDrops INSTANCE = new ConsoleDrops();

	private final LongAdder[] counts = new LongAdder[Reason.values().length];

	private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

	ConsoleDrops() {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	/**
	 * The counts of this process.
	 * @return the process-wide instance
	 */
	public static ConsoleDrops get() {
		return INSTANCE;
	}

	/**
	 * Lines dropped for the reason so far.
	 * @param reason the reason
	 * @return the count
	 */
	public long count(Reason reason) {
		return this.counts[reason.ordinal()].sum();
	}

	long total() {
		long total = 0;
		for (LongAdder count : this.counts) {
			total += count.sum();
		}
		return total;
	}

	void dropped(Reason reason) {
		dropped(reason, 1);
	}

	void dropped(Reason reason, long lines) {
		if (lines <= 0) {
			return;
		}
		this.counts[reason.ordinal()].add(lines);
		if (reason == Reason.QUEUE_FULL) {
			warnAtMostOnceAMinute();
		}
	}

	private void warnAtMostOnceAMinute() {
		long now = System.nanoTime();
		long next = this.nextWarning.get();
		if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
			LoggerFactory.getLogger(WARNING_LOGGER)
				.warn("Console output is stalled or slower than the service logs: lines are dropped and counted in "
						+ "selfobs_log_dropped_total{reason=\"queue_full\"} (check what reads stdout, or raise "
						+ "otel.logging.console.queue-size)");
		}
	}

}
