package io.selfobs.autoconfigure.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The workers and durable queues of the service: creates {@link Worker}s, samples every
 * {@link DurableQueue} on a background thread and reports both to the System Health page,
 * the support bundle and the {@code workers} health contributor.
 */
public class WorkerRegistry implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WorkerRegistry.class);

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

	private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private final WorkerProperties properties;

	private final @Nullable MeterRegistry meters;

	private final ObservationRegistry observations;

	private final UnaryOperator<String> redactor;

	private final Clock clock;

	private final Map<String, Worker> workers = new ConcurrentSkipListMap<>();

	private final Map<String, SampledQueue> queues = new ConcurrentSkipListMap<>();

	private final Map<String, AtomicLong> lastWarnings = new ConcurrentHashMap<>();

	/**
	 * Started with the first durable queue: a service without any runs no sampling
	 * thread.
	 */
	private @Nullable ScheduledExecutorService sampler;

	private boolean closed;

	/**
	 * Create a registry.
	 * @param properties the settings
	 * @param meters where worker and queue meters go, {@code null} for none
	 * @param observations where worker cycles are observed
	 * @param redactor applied to error messages before they are shown
	 * @param clock the clock
	 */
	public WorkerRegistry(WorkerProperties properties, @Nullable MeterRegistry meters, ObservationRegistry observations,
			UnaryOperator<String> redactor, Clock clock) {
		this.properties = properties;
		this.meters = meters;
		this.observations = observations;
		this.redactor = redactor;
		this.clock = clock;
	}

	private synchronized @Nullable ScheduledExecutorService sampler() {
		if (this.sampler == null && !this.closed) {
			this.sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "selfobs-queue-sampler");
				thread.setDaemon(true);
				return thread;
			});
			long interval = this.properties.getQueueSampleInterval().toMillis();
			this.sampler.scheduleWithFixedDelay(this::sampleAll, interval, interval, TimeUnit.MILLISECONDS);
		}
		return this.sampler;
	}

	static String checkName(String kind, String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("A " + kind + " name must be 1-63 characters of a-z, 0-9, '_', '.' "
					+ "and '-', starting with a letter or digit, not '" + name + "'");
		}
		return name;
	}

	/**
	 * The worker of this name, created with its meters on first use.
	 * @param name the worker name: lower case, digits, '_', '.', '-'
	 * @return the worker
	 */
	public Worker worker(String name) {
		checkName("worker", name);
		return this.workers.computeIfAbsent(name,
				(key) -> new Worker(key,
						this.properties.getStallThresholds().getOrDefault(key, this.properties.getStallThreshold()),
						this.clock, this.meters, this.observations, this.redactor));
	}

	/**
	 * Register a durable queue: its gauges, its System Health row and its sampling.
	 * @param queue the queue
	 * @throws IllegalStateException when another queue of the same name is registered
	 */
	public void register(DurableQueue queue) {
		checkName("queue", queue.name());
		SampledQueue sampled = new SampledQueue(queue);
		if (this.queues.putIfAbsent(queue.name(), sampled) != null) {
			throw new IllegalStateException("A durable queue named '" + queue.name() + "' is already registered");
		}
		ScheduledExecutorService sampler = sampler();
		if (sampler != null) {
			sampler.execute(sampled::sample);
		}
		if (this.meters != null) {
			Gauge.builder("selfobs.queue.depth", sampled, (q) -> q.current().depth())
				.description("Items waiting in the durable queue")
				.tag("queue", queue.name())
				.register(this.meters);
			Gauge.builder("selfobs.queue.oldest.age", sampled, SampledQueue::oldestAgeSeconds)
				.description("Age of the oldest item waiting in the durable queue")
				.baseUnit("seconds")
				.tag("queue", queue.name())
				.register(this.meters);
		}
	}

	/**
	 * The latest backlog of a queue, read from its storage now if it was never read.
	 * @param name the queue name
	 * @return the backlog, or empty if no such queue is registered
	 */
	public java.util.Optional<QueueBacklog> backlog(String name) {
		SampledQueue queue = this.queues.get(name);
		return (queue != null) ? java.util.Optional.of(queue.current()) : java.util.Optional.empty();
	}

	/**
	 * Status of every worker, by name.
	 * @return the statuses
	 */
	public List<WorkerStatus> workers() {
		return this.workers.values().stream().map(Worker::status).toList();
	}

	/**
	 * Status of every durable queue, by name.
	 * @return the statuses
	 */
	public List<QueueStatus> queues() {
		List<QueueStatus> statuses = new ArrayList<>();
		Instant now = this.clock.instant();
		for (SampledQueue queue : this.queues.values()) {
			QueueBacklog backlog = queue.current();
			Instant oldest = backlog.oldestItemEnqueuedAt();
			statuses.add(new QueueStatus(queue.queue.name(), backlog.depth(),
					(oldest != null) ? positive(Duration.between(oldest, now)) : null, queue.sampledAt,
					queue.sampleError));
		}
		return statuses;
	}

	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private void sampleAll() {
		for (SampledQueue queue : this.queues.values()) {
			queue.sample();
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.sampler != null) {
			this.sampler.shutdownNow();
		}
	}

	private final class SampledQueue {

		private final DurableQueue queue;

		private volatile @Nullable QueueBacklog backlog;

		private volatile @Nullable Instant sampledAt;

		private volatile @Nullable String sampleError;

		SampledQueue(DurableQueue queue) {
			this.queue = queue;
		}

		QueueBacklog current() {
			QueueBacklog current = this.backlog;
			if (current == null) {
				// Never read (just registered, or storage unreadable so far): read now,
				// so that the first scrape
				// after a restart shows the real backlog rather than zero
				sample();
				current = this.backlog;
			}
			return (current != null) ? current : QueueBacklog.EMPTY;
		}

		synchronized void sample() {
			try {
				this.backlog = this.queue.backlog();
				this.sampledAt = WorkerRegistry.this.clock.instant();
				this.sampleError = null;
			}
			catch (RuntimeException ex) {
				String message = ex.getMessage();
				this.sampleError = ex.getClass().getSimpleName()
						+ ((message != null) ? ": " + WorkerRegistry.this.redactor.apply(message) : "");
				warnThrottled(this.queue.name(), this.sampleError);
			}
		}

		double oldestAgeSeconds() {
			Instant oldest = current().oldestItemEnqueuedAt();
			return (oldest != null)
					? positive(Duration.between(oldest, WorkerRegistry.this.clock.instant())).toMillis() / 1000.0 : 0;
		}

	}

	private void warnThrottled(String queue, String error) {
		AtomicLong last = this.lastWarnings.computeIfAbsent(queue, (key) -> new AtomicLong(Long.MIN_VALUE));
		long now = this.clock.millis();
		long previous = last.get();
		if ((previous == Long.MIN_VALUE || now - previous >= WARNING_INTERVAL.toMillis())
				&& last.compareAndSet(previous, now)) {
			logger.warn("Could not read the backlog of durable queue '" + queue + "' (" + error
					+ "); its gauges keep the last known value. Next warning in at most a minute.");
		}
	}

}
