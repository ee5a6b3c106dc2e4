package io.selfobs.autoconfigure.logging.internal.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.LoggerFactory;

/**
 * Console lines lost, by reason, counted from the first line of the process (logging
 * starts before any meter registry exists; {@code selfobs_log_dropped_total} reads these
 * counts). A queue overflow is warned about at most once a minute, through logback: the
 * console itself drops the warning while it is full, every other appender (OTLP) gets it,
 * and the console writer reports the count on stdout once it can write again. Internal,
 * not API.
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
		 * The application stopped and stdout did not take the queued lines within the
		 * shutdown timeout.
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

	private final List<Consumer<Reason>> firstDropListeners = new CopyOnWriteArrayList<>();

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

	/**
	 * Call the listener once for each reason lines have been dropped for, now for those
	 * dropped before and later for the others, at their first drop: meters appear when
	 * something is lost, like the export meters.
	 * @param listener told the reason
	 */
	public void whenDropped(Consumer<Reason> listener) {
		this.firstDropListeners.add(listener);
		for (Reason reason : Reason.values()) {
			if (count(reason) > 0) {
				listener.accept(reason);
			}
		}
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
		LongAdder count = this.counts[reason.ordinal()];
		boolean first = count.sum() == 0;
		count.add(lines);
		if (first) {
			// Registering a meter twice returns the first one, so a race here is harmless
			this.firstDropListeners.forEach((listener) -> listener.accept(reason));
		}
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
