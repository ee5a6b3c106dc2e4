package io.selfobs.sample.pki.outbox;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selfobs.autoconfigure.worker.QueueBacklog;
import io.selfobs.autoconfigure.worker.WorkerRegistry;

/**
 * The outbox slice's meters: delivery outcomes, commit-to-delivery lag, cycle duration
 * and the backlog gauges. The backlog gauges read the starter's sample of the durable
 * queue (the one behind {@code selfobs.queue.*}), so they cost no query of their own.
 */
class OutboxMetrics {

	private final MeterRegistry meters;

	private final Timer lag;

	private final Timer cycle;

	OutboxMetrics(MeterRegistry meters, WorkerRegistry workers) {
		this.meters = meters;
		this.lag = Timer.builder("cert.outbox.lag")
			.description("Time from commit of an event to its delivery to a sink")
			.register(meters);
		this.cycle = Timer.builder("outbox.worker.cycle.duration")
			.description("Duration of one outbox worker cycle")
			.register(meters);
		Gauge.builder("outbox.pending.events", workers, (w) -> backlog(w).depth())
			.description("Deliveries waiting in the outbox")
			.register(meters);
		Gauge.builder("outbox.oldest.pending.age", workers, (w) -> {
			Instant oldest = backlog(w).oldestItemEnqueuedAt();
			return (oldest != null) ? Math.max(0, Duration.between(oldest, Instant.now()).toMillis()) / 1000.0 : 0;
		}).description("Age of the oldest pending delivery").baseUnit("seconds").register(meters);
	}

	private static QueueBacklog backlog(WorkerRegistry workers) {
		return workers.backlog(OutboxConfiguration.QUEUE).orElse(QueueBacklog.EMPTY);
	}

	Timer.Sample cycleStarted() {
		return Timer.start(this.meters);
	}

	void cycleEnded(Timer.Sample sample) {
		sample.stop(this.cycle);
	}

	void delivered(OutboxEvent event, Instant at) {
		this.lag.record(Duration.between(event.createdAt(), at));
		outcome(event, "delivered");
	}

	void retried(OutboxEvent event) {
		outcome(event, "failed");
		Counter.builder("outbox.retries")
			.description("Deliveries scheduled for another attempt")
			.tag("sink", event.sink())
			.register(this.meters)
			.increment();
	}

	void deadLettered(OutboxEvent event) {
		outcome(event, "dead_lettered");
		Counter.builder("outbox.dead.letters")
			.description("Events given up after the maximum number of attempts")
			.tag("sink", event.sink())
			.register(this.meters)
			.increment();
	}

	private void outcome(OutboxEvent event, String outcome) {
		Counter.builder("outbox.deliveries")
			.description("Outbox delivery attempts by outcome")
			.tag("sink", event.sink())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
