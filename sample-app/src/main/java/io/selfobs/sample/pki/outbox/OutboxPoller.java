package io.selfobs.sample.pki.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.selfobs.autoconfigure.worker.Worker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox worker on its own thread with a fixed delay between polls; a poll runs
 * cycles until one claims less than a full batch, so delivery keeps up with any issuance
 * rate instead of being capped at one batch per interval. Every cycle runs through the
 * starter's {@link Worker} {@code outbox}, which gives it the {@code selfobs.worker.*}
 * meters, a span for each cycle that took rows, and stall detection. A plain executor
 * rather than {@code @Scheduled}: an observed scheduled task would start a new trace
 * every poll.
 */
final class OutboxPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

	private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private final OutboxWorker outbox;

	private final Worker worker;

	private final Duration interval;

	private final int batchSize;

	private volatile boolean stopping;

	private @Nullable ScheduledExecutorService executor;

	private long lastWarning;

	OutboxPoller(OutboxWorker outbox, Worker worker, Duration interval, int batchSize) {
		this.outbox = outbox;
		this.worker = worker;
		this.interval = interval;
		this.batchSize = batchSize;
	}

	@Override
	public synchronized void start() {
		this.stopping = false;
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "outbox-worker");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		executor.scheduleWithFixedDelay(this::poll, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void poll() {
		try {
			int attempted;
			do {
				attempted = this.worker.runCycle(this.outbox::runCycle);
			}
			while (attempted >= this.batchSize && !this.stopping);
		}
		catch (RuntimeException ex) {
			// Database unavailable or similar: keep polling, warn at most once a minute
			long now = System.nanoTime();
			if (now - this.lastWarning > WARNING_INTERVAL.toNanos() || this.lastWarning == 0) {
				this.lastWarning = now;
				log.warn("Outbox worker cycle failed, retrying: {}", ex.getMessage());
			}
		}
	}

	@Override
	public synchronized void stop() {
		this.stopping = true;
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
