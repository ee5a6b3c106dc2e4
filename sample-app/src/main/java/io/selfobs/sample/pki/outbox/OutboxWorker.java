package io.selfobs.sample.pki.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selfobs.sample.pki.config.PkiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers committed outbox events to every sink. A delivery and its bookkeeping share one transaction that
 * holds the row lock, so no two workers deliver the same row and a crash before commit leaves the row pending.
 */
public class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private final OutboxRepository repository;

	private final Map<String, EventSink> sinks;

	private final TransactionTemplate transactions;

	private final PkiProperties.Outbox properties;

	private final MeterRegistry meters;

	private final Timer lag;

	private final Timer cycle;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();

	OutboxWorker(OutboxRepository repository, List<EventSink> sinks, TransactionTemplate transactions,
			PkiProperties.Outbox properties, MeterRegistry meters) {
		this.repository = repository;
		this.sinks = sinks.stream().collect(Collectors.toMap(EventSink::name, Function.identity()));
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
		this.lag = Timer.builder("cert.outbox.lag")
			.description("Time from commit of an event to its delivery to a sink")
			.register(meters);
		this.cycle = Timer.builder("outbox.worker.cycle.duration")
			.description("Duration of one outbox worker cycle")
			.register(meters);
		Gauge.builder("outbox.pending.events", this.pending, AtomicLong::get)
			.description("Deliveries waiting in the outbox")
			.register(meters);
		Gauge.builder("outbox.oldest.pending.age", this.oldestPendingAgeSeconds, AtomicLong::get)
			.description("Age of the oldest pending delivery")
			.baseUnit("seconds")
			.register(meters);
	}

	/**
	 * Run one cycle: claim due deliveries, deliver them, record outcomes.
	 * @return the number of deliveries attempted
	 */
	public int runCycle() {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			Integer attempted = this.transactions.execute((status) -> {
				List<OutboxEvent> due = this.repository.claimDue(this.properties.getBatchSize(), Instant.now());
				due.forEach(this::deliver);
				return due.size();
			});
			refreshBacklog();
			return (attempted != null) ? attempted : 0;
		}
		finally {
			sample.stop(this.cycle);
		}
	}

	private void deliver(OutboxEvent event) {
		EventSink sink = this.sinks.get(event.sink());
		int attempts = event.attempts() + 1;
		try {
			if (sink == null) {
				throw new IllegalStateException("No sink named '" + event.sink() + "' is configured");
			}
			sink.deliver(event);
			Instant now = Instant.now();
			this.repository.markDelivered(event.id(), attempts, now);
			this.lag.record(Duration.between(event.createdAt(), now));
			count(event, "delivered");
		}
		catch (Exception ex) {
			failed(event, attempts, ex);
		}
	}

	private void failed(OutboxEvent event, int attempts, Exception ex) {
		String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		error = error.substring(0, Math.min(error.length(), 1000));
		if (attempts >= this.properties.getMaxAttempts()) {
			this.repository.markDead(event.id(), attempts, error);
			count(event, "dead_lettered");
			Counter.builder("outbox.dead.letters")
				.description("Events given up after the maximum number of attempts")
				.tag("sink", event.sink())
				.register(this.meters)
				.increment();
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
		count(event, "failed");
		Counter.builder("outbox.retries")
			.description("Deliveries scheduled for another attempt")
			.tag("sink", event.sink())
			.register(this.meters)
			.increment();
		log.atWarn()
			.addKeyValue("event.id", event.eventId())
			.addKeyValue("pki.sink", event.sink())
			.addKeyValue("pki.attempts", attempts)
			.log("Outbox delivery failed, retrying in {} ms: {}", backoff.toMillis(), error);
	}

	private void count(OutboxEvent event, String outcome) {
		Counter.builder("outbox.deliveries")
			.description("Outbox delivery attempts by outcome")
			.tag("sink", event.sink())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private void refreshBacklog() {
		OutboxRepository.Backlog backlog = this.repository.backlog();
		this.pending.set(backlog.pending());
		this.oldestPendingAgeSeconds.set((backlog.oldest() != null)
				? TimeUnit.MILLISECONDS.toSeconds(Duration.between(backlog.oldest(), Instant.now()).toMillis()) : 0);
	}

}
