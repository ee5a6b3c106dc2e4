package io.selfobs.autoconfigure.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A background worker that runs in cycles (poll a queue, handle what it took). Run every
 * cycle through {@link #runCycle(Function)} and the worker gets, tagged {@code worker}:
 * <ul>
 * <li>{@code selfobs.worker.cycles} ({@code outcome} = {@code success} | {@code failure})
 * for every cycle;</li>
 * <li>{@code selfobs.worker.items} ({@code outcome} = {@code processed} |
 * {@code delivered} | {@code retried} | {@code failed}) from what the cycle reports on
 * its {@link WorkerCycle};</li>
 * <li>{@code selfobs.worker.delivery.latency}: time from enqueue to delivery;</li>
 * <li>{@code selfobs.worker.stalled} (1 when stalled) and
 * {@code selfobs.worker.last.success.timestamp};</li>
 * <li>an Observation {@code selfobs.worker.cycle} (a span named {@code <worker> cycle}
 * and a timer) for each cycle that took at least one item, started when the cycle reports
 * {@link WorkerCycle#processed(int)}, so that a polling worker does not start a trace on
 * every empty poll; what the cycle does with its items (HTTP calls, queries) are child
 * spans.</li>
 * </ul>
 * A worker is <em>stalled</em> when no cycle succeeded within its stall threshold: a
 * cycle hangs, every cycle fails, or cycles stopped being run. An idle polling worker
 * whose empty cycles succeed is never stalled. Create workers with
 * {@link WorkerRegistry#worker(String)}; instances are thread-safe.
 */
public final class Worker {

	private static final String OBSERVATION = "selfobs.worker.cycle";

	private final String name;

	private final Duration stallThreshold;

	private final Clock clock;

	private final ObservationRegistry observations;

	private final UnaryOperator<String> redactor;

	private final Instant registeredAt;

	private final AtomicReference<@Nullable Instant> lastSuccess = new AtomicReference<>();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicLong cycles = new AtomicLong();

	private final AtomicLong failedCycles = new AtomicLong();

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failedItems = new AtomicLong();

	private final AtomicReference<@Nullable String> lastError = new AtomicReference<>();

	private final @Nullable Meters meters;

	Worker(String name, Duration stallThreshold, Clock clock, @Nullable MeterRegistry meterRegistry,
			ObservationRegistry observations, UnaryOperator<String> redactor) {
		this.name = name;
		this.stallThreshold = stallThreshold;
		this.clock = clock;
		this.observations = observations;
		this.redactor = redactor;
		this.registeredAt = clock.instant();
		this.meters = (meterRegistry != null) ? new Meters(meterRegistry) : null;
	}

	/**
	 * The worker name, the value of the {@code worker} tag.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Run one cycle. An exception thrown by the cycle counts it as failed and is
	 * rethrown.
	 * @param <T> what the cycle returns
	 * @param cycle the work of the cycle, reporting what it did with its items
	 * @return what the cycle returned
	 */
	public <T extends @Nullable Object> T runCycle(Function<WorkerCycle, T> cycle) {
		this.running.incrementAndGet();
		Cycle state = new Cycle();
		try {
			T result = cycle.apply(state);
			succeeded();
			state.end(null);
			return result;
		}
		catch (RuntimeException | Error ex) {
			failed(ex);
			state.end(ex);
			throw ex;
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	private void succeeded() {
		this.cycles.incrementAndGet();
		this.consecutiveFailures.set(0);
		this.lastSuccess.set(this.clock.instant());
		if (this.meters != null) {
			this.meters.successfulCycles.increment();
		}
	}

	private void failed(Throwable ex) {
		this.cycles.incrementAndGet();
		this.failedCycles.incrementAndGet();
		this.consecutiveFailures.incrementAndGet();
		String message = ex.getMessage();
		this.lastError
			.set(ex.getClass().getSimpleName() + ((message != null) ? ": " + this.redactor.apply(message) : ""));
		if (this.meters != null) {
			this.meters.failedCycles.increment();
		}
	}

	/**
	 * The worker's current status.
	 * @return the status
	 */
	public WorkerStatus status() {
		Instant last = this.lastSuccess.get();
		WorkerStatus.State state = isStalled() ? WorkerStatus.State.STALLED
				: (this.running.get() > 0) ? WorkerStatus.State.RUNNING : WorkerStatus.State.IDLE;
		return new WorkerStatus(this.name, state, this.stallThreshold, last, this.cycles.get(), this.failedCycles.get(),
				this.consecutiveFailures.get(), this.delivered.get(), this.failedItems.get(), this.lastError.get());
	}

	boolean isStalled() {
		Instant last = this.lastSuccess.get();
		Instant since = (last != null) ? last : this.registeredAt;
		return Duration.between(since, this.clock.instant()).compareTo(this.stallThreshold) > 0;
	}

	private double lastSuccessEpochSeconds() {
		Instant last = this.lastSuccess.get();
		return (last != null) ? last.toEpochMilli() / 1000.0 : Double.NaN;
	}

	@Override
	public String toString() {
		return "Worker[" + this.name + "]";
	}

	private final class Meters {

		private final Counter successfulCycles;

		private final Counter failedCycles;

		private final Counter processed;

		private final Counter delivered;

		private final Counter retried;

		private final Counter failed;

		private final Timer deliveryLatency;

		Meters(MeterRegistry registry) {
			String worker = Worker.this.name;
			this.successfulCycles = cycles(registry, "success");
			this.failedCycles = cycles(registry, "failure");
			this.processed = items(registry, "processed");
			this.delivered = items(registry, "delivered");
			this.retried = items(registry, "retried");
			this.failed = items(registry, "failed");
			this.deliveryLatency = Timer.builder("selfobs.worker.delivery.latency")
				.description("Time from enqueue of an item to its delivery")
				.tag("worker", worker)
				.register(registry);
			Gauge.builder("selfobs.worker.stalled", Worker.this, (w) -> w.isStalled() ? 1 : 0)
				.description("1 when no cycle of the worker succeeded within its stall threshold")
				.tag("worker", worker)
				.register(registry);
			Gauge.builder("selfobs.worker.last.success.timestamp", Worker.this, Worker::lastSuccessEpochSeconds)
				.description("Unix time of the end of the worker's last successful cycle")
				.baseUnit("seconds")
				.tag("worker", worker)
				.register(registry);
		}

		private Counter cycles(MeterRegistry registry, String outcome) {
			return Counter.builder("selfobs.worker.cycles")
				.description("Worker cycles by outcome")
				.tags("worker", Worker.this.name, "outcome", outcome)
				.register(registry);
		}

		private Counter items(MeterRegistry registry, String outcome) {
			return Counter.builder("selfobs.worker.items")
				.description("Items handled by workers, by outcome")
				.tags("worker", Worker.this.name, "outcome", outcome)
				.register(registry);
		}

	}

	private final class Cycle implements WorkerCycle {

		private @Nullable Observation observation;

		private Observation.@Nullable Scope scope;

		private long processed;

		private long delivered;

		private long retried;

		private long failed;

		@Override
		public void processed(int items) {
			if (items <= 0) {
				return;
			}
			this.processed += items;
			if (Worker.this.meters != null) {
				Worker.this.meters.processed.increment(items);
			}
			if (this.observation == null) {
				this.observation = Observation.createNotStarted(OBSERVATION, Worker.this.observations)
					.contextualName(Worker.this.name + " cycle")
					.lowCardinalityKeyValue("worker", Worker.this.name)
					.start();
				this.scope = this.observation.openScope();
			}
		}

		@Override
		public void delivered(Instant enqueuedAt) {
			this.delivered++;
			Worker.this.delivered.incrementAndGet();
			if (Worker.this.meters != null) {
				Worker.this.meters.delivered.increment();
				Duration latency = Duration.between(enqueuedAt, Worker.this.clock.instant());
				Worker.this.meters.deliveryLatency.record(latency.isNegative() ? Duration.ZERO : latency);
			}
		}

		@Override
		public void retried(int items) {
			if (items > 0) {
				this.retried += items;
				if (Worker.this.meters != null) {
					Worker.this.meters.retried.increment(items);
				}
			}
		}

		@Override
		public void failed(int items) {
			if (items > 0) {
				this.failed += items;
				Worker.this.failedItems.addAndGet(items);
				if (Worker.this.meters != null) {
					Worker.this.meters.failed.increment(items);
				}
			}
		}

		void end(@Nullable Throwable error) {
			Observation observation = this.observation;
			if (observation == null) {
				return;
			}
			if (this.scope != null) {
				this.scope.close();
			}
			observation.highCardinalityKeyValue("worker.items.processed", Long.toString(this.processed))
				.highCardinalityKeyValue("worker.items.delivered", Long.toString(this.delivered))
				.highCardinalityKeyValue("worker.items.retried", Long.toString(this.retried))
				.highCardinalityKeyValue("worker.items.failed", Long.toString(this.failed));
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		}

	}

}
