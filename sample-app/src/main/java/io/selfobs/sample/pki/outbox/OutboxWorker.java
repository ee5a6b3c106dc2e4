package io.selfobs.sample.pki.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Timer;
import io.selfobs.autoconfigure.worker.WorkerCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers committed outbox events to every sink. A cycle reads the ids of up to
 * {@code batch-size} due rows, then gives each delivery its own transaction: it claims
 * the row ({@code FOR UPDATE SKIP LOCKED}, skipping it when another worker holds or
 * already delivered it), delivers it and records the outcome before committing, so no two
 * workers deliver the same row and a crash redelivers at most the one event that was in
 * flight. Each row's outcome is reported to the {@link WorkerCycle} the cycle runs in.
 */
public class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private final OutboxRepository repository;

	private final Map<String, EventSink> sinks;

	private final TransactionTemplate transactions;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	OutboxWorker(OutboxRepository repository, List<EventSink> sinks, TransactionTemplate transactions,
			OutboxProperties properties, OutboxMetrics metrics) {
		this.repository = repository;
		this.sinks = sinks.stream().collect(Collectors.toMap(EventSink::name, Function.identity()));
		this.transactions = transactions;
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * Run one cycle without worker telemetry.
	 * @return the number of deliveries attempted
	 */
	public int runCycle() {
		return runCycle(NoWorkerCycle.INSTANCE);
	}

	/**
	 * Run one cycle: claim and deliver the due rows of one batch one at a time, each in
	 * its own transaction.
	 * @param report where each row's outcome is reported
	 * @return the number of deliveries attempted
	 */
	public int runCycle(WorkerCycle report) {
		Timer.Sample sample = this.metrics.cycleStarted();
		try {
			int attempted = 0;
			for (long id : this.repository.dueIds(this.properties.getBatchSize(), Instant.now())) {
				Boolean claimed = this.transactions.execute((status) -> {
					Optional<OutboxEvent> event = this.repository.claim(id, Instant.now());
					event.ifPresent((due) -> {
						report.processed(1);
						deliver(due, report);
					});
					return event.isPresent();
				});
				if (Boolean.TRUE.equals(claimed)) {
					attempted++;
				}
			}
			return attempted;
		}
		finally {
			this.metrics.cycleEnded(sample);
		}
	}

	private void deliver(OutboxEvent event, WorkerCycle report) {
		EventSink sink = this.sinks.get(event.sink());
		int attempts = event.attempts() + 1;
		try {
			if (sink == null) {
				throw new IllegalStateException("No sink named '" + event.sink() + "' is configured");
			}
			sink.deliver(event);
			Instant now = Instant.now();
			this.repository.markDelivered(event.id(), attempts, now);
			this.metrics.delivered(event, now);
			report.delivered(event.createdAt());
		}
		catch (Exception ex) {
			failed(event, attempts, ex, report);
		}
	}

	private void failed(OutboxEvent event, int attempts, Exception ex, WorkerCycle report) {
		String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		error = error.substring(0, Math.min(error.length(), 1000));
		if (attempts >= this.properties.getMaxAttempts()) {
			this.repository.markDead(event.id(), attempts, error);
			this.metrics.deadLettered(event);
			report.failed(1);
			log.atError()
				.addKeyValue("event.id", event.eventId())
				.addKeyValue("event.action", event.type())
				.addKeyValue("pki.sink", event.sink())
				.addKeyValue("pki.attempts", attempts)
				.log("Outbox event dead-lettered: {}", error);
			return;
		}
		Duration backoff = this.properties.getInitialBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
		this.repository.markRetry(event.id(), attempts, Instant.now().plus(backoff), error);
		this.metrics.retried(event);
		report.retried(1);
		log.atWarn()
			.addKeyValue("event.id", event.eventId())
			.addKeyValue("pki.sink", event.sink())
			.addKeyValue("pki.attempts", attempts)
			.log("Outbox delivery failed, retrying in {} ms: {}", backoff.toMillis(), error);
	}

	/**
	 * Reports nowhere, for cycles run outside a
	 * {@link io.selfobs.autoconfigure.worker.Worker}.
	 */
	private enum NoWorkerCycle implements WorkerCycle {

		INSTANCE;

		@Override
		public void processed(int items) {
		}

		@Override
		public void delivered(Instant enqueuedAt) {
		}

		@Override
		public void retried(int items) {
		}

		@Override
		public void failed(int items) {
		}

	}

}
