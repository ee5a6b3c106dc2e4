package io.selfobs.autoconfigure.otlp.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Self-telemetry of every OTLP exporter: {@code selfobs.export.exported},
 * {@code selfobs.export.failed} and {@code selfobs.export.dropped}, tagged by signal and
 * transport, plus at most one warning a minute per signal and reason so a collector
 * outage never floods the service's own logs (the OpenTelemetry exporters' own per-batch
 * warnings are folded into it, see {@code OtelExporterLogFilter}). It also carries what
 * must happen when the shutdown budget is spent: the exporters register how to cancel
 * their requests in flight.
 */
public class OtlpExportTelemetry {

	static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(OtlpExportTelemetry.class);

	private final ObjectProvider<MeterRegistry> registry;

	private final Clock clock;

	private final Map<OtlpSignal, Map<String, Warnings>> warnings = new ConcurrentHashMap<>();

	private final List<Runnable> shutdownDeadlineActions = new CopyOnWriteArrayList<>();

	private volatile long shutdownDeadline;

	private volatile boolean shuttingDown;

	private final Map<OtlpSignal, Instant> lastExports = new ConcurrentHashMap<>();

	private final Map<DropKind, DropCounter> drops = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param registry where the counters go, looked up lazily because the metrics
	 * exporter itself reports here
	 */
	public OtlpExportTelemetry(ObjectProvider<MeterRegistry> registry) {
		this(registry, Clock.systemUTC());
	}

	OtlpExportTelemetry(ObjectProvider<MeterRegistry> registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * Record a batch the collector accepted.
	 * @param signal the signal
	 * @param transport the transport
	 * @param items spans, log records or metric data points in the batch
	 */
	public void exported(OtlpSignal signal, String transport, int items) {
		this.lastExports.put(signal, this.clock.instant());
		this.registry.ifAvailable((meters) -> {
			meters.counter("selfobs.export.exported", "signal", signal.tagValue(), "transport", transport).increment();
			meters.counter("selfobs.export.items", "signal", signal.tagValue(), "transport", transport)
				.increment(items);
		});
	}

	/**
	 * When the collector last accepted a batch of a signal, for the System Health page
	 * and the support bundle.
	 * @param signal the signal
	 * @return the time, empty if no batch was accepted since start
	 */
	public Optional<Instant> lastExport(OtlpSignal signal) {
		return Optional.ofNullable(this.lastExports.get(signal));
	}

	/**
	 * Record a batch that could not be delivered; its items are lost and counted as
	 * dropped.
	 * @param destination where it was sent
	 * @param reason a short, bounded failure reason such as {@code unreachable} or
	 * {@code http_503}
	 * @param items items in the batch
	 * @param detail a human-readable description for the throttled warning (never a
	 * secret)
	 */
	public void failed(OtlpDestination destination, String reason, int items, String detail) {
		String signal = destination.signal().tagValue();
		this.registry.ifAvailable((meters) -> {
			meters
				.counter("selfobs.export.failed", "signal", signal, "transport", destination.transport(), "reason",
						reason)
				.increment();
			meters
				.counter("selfobs.export.dropped", "signal", signal, "transport", destination.transport(), "reason",
						"export_failed")
				.increment(items);
		});
		warnThrottled(destination, reason, detail);
	}

	/**
	 * Record items discarded before export, e.g. because the queue was full.
	 * @param signal the signal
	 * @param transport the transport
	 * @param reason why they were dropped, e.g. {@code queue_full}
	 * @param items how many
	 */
	public void dropped(OtlpSignal signal, String transport, String reason, long items) {
		drops(signal, transport, reason).accept(items);
	}

	/**
	 * Where drops of one kind are counted, for a caller that counts them often, such as a
	 * full queue on a request thread: the counter and the warning throttle are resolved
	 * once, so counting a drop does not look anything up or allocate.
	 * @param signal the signal
	 * @param transport the transport
	 * @param reason why items are dropped, e.g. {@code queue_full}
	 * @return takes the number of items dropped
	 */
	public LongConsumer drops(OtlpSignal signal, String transport, String reason) {
		return this.drops.computeIfAbsent(new DropKind(signal, transport, reason), DropCounter::new);
	}

	/**
	 * Register what to do once the shutdown budget is spent, e.g. cancel an exporter's
	 * request in flight. Internal, not API.
	 * @param action the action
	 */
	public void onShutdownDeadline(Runnable action) {
		this.shutdownDeadlineActions.add(action);
	}

	/**
	 * The application has begun to stop: export must be over by the given deadline.
	 * Internal, not API.
	 * @param deadlineNanos the deadline, in {@link System#nanoTime()} terms
	 */
	public void shutdownStarted(long deadlineNanos) {
		this.shutdownDeadline = deadlineNanos;
		this.shuttingDown = true;
	}

	/**
	 * Time left before the shutdown deadline, for an exporter that must not run past it.
	 * Internal, not API.
	 * @return nanoseconds left (0 or less once spent), or {@link Long#MAX_VALUE} while
	 * the application runs
	 */
	public long shutdownRemainingNanos() {
		return this.shuttingDown ? this.shutdownDeadline - System.nanoTime() : Long.MAX_VALUE;
	}

	/**
	 * The shutdown budget is spent: run every registered action (cancel requests in
	 * flight). Internal, not API.
	 */
	public void shutdownDeadlinePassed() {
		for (Runnable action : this.shutdownDeadlineActions) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Cancelling an OTLP exporter failed", ex);
			}
		}
	}

	private void warnThrottled(OtlpDestination destination, String reason, String detail) {
		long suppressed = tryWarn(destination.signal(), reason);
		if (suppressed >= 0) {
			logger.warn("OTLP " + destination.signal().tagValue() + " export to " + destination.endpoint() + " via "
					+ destination.transport() + " failed (" + reason + "): " + detail
					+ ((suppressed > 0) ? "; " + suppressed + " more failures since the last warning" : "")
					+ ". Data is dropped and counted in selfobs.export.dropped; next warning in at most "
					+ WARNING_INTERVAL.toMinutes() + " minute.");
		}
	}

	private long tryWarn(OtlpSignal signal, String reason) {
		return warnings(signal, reason).tryWarn(this.clock.millis());
	}

	private Warnings warnings(OtlpSignal signal, String reason) {
		return this.warnings.computeIfAbsent(signal, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(reason, (key) -> new Warnings());
	}

	private record DropKind(OtlpSignal signal, String transport, String reason) {
	}

	private final class DropCounter implements LongConsumer {

		private final DropKind kind;

		private final Warnings warnings;

		private volatile @Nullable Counter counter;

		DropCounter(DropKind kind) {
			this.kind = kind;
			this.warnings = warnings(kind.signal(), kind.reason());
		}

		@Override
		public void accept(long items) {
			Counter dropped = counter();
			if (dropped != null) {
				dropped.increment(items);
			}
			long suppressed = this.warnings.tryWarn(OtlpExportTelemetry.this.clock.millis());
			if (suppressed >= 0) {
				logger.warn("OTLP " + this.kind.signal().tagValue() + " export dropped " + items + " items ("
						+ this.kind.reason() + ")"
						+ ((suppressed > 0) ? "; " + suppressed + " more drops since the last warning" : "")
						+ ". Counted in selfobs.export.dropped; next warning in at most " + WARNING_INTERVAL.toMinutes()
						+ " minute.");
			}
		}

		// Resolved on first use, not at construction: the registry is built after the
		// exporters that report to it
		private @Nullable Counter counter() {
			Counter resolved = this.counter;
			if (resolved == null) {
				MeterRegistry meters = OtlpExportTelemetry.this.registry.getIfAvailable();
				if (meters != null) {
					resolved = meters.counter("selfobs.export.dropped", "signal", this.kind.signal().tagValue(),
							"transport", this.kind.transport(), "reason", this.kind.reason());
					this.counter = resolved;
				}
			}
			return resolved;
		}

	}

	private static final class Warnings {

		private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

		// Counted by every thread that hits a full queue at once: an adder, not one
		// contended word
		private final LongAdder suppressed = new LongAdder();

		/**
		 * Whether a failure may be logged now, at most one warning per interval.
		 * @param now the current time
		 * @return failures suppressed since the last warning when this one may be logged,
		 * -1 otherwise
		 */
		long tryWarn(long now) {
			long last = this.lastWarning.get();
			if ((last == Long.MIN_VALUE || now - last >= WARNING_INTERVAL.toMillis())
					&& this.lastWarning.compareAndSet(last, now)) {
				return this.suppressed.sumThenReset();
			}
			this.suppressed.increment();
			return -1;
		}

	}

}
