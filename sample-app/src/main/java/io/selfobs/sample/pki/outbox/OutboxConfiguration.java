package io.selfobs.sample.pki.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.selfobs.autoconfigure.worker.DurableQueue;
import io.selfobs.autoconfigure.worker.QueueBacklog;
import io.selfobs.autoconfigure.worker.WorkerRegistry;
import io.selfobs.sample.pki.config.PkiProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The outbox sinks and the background delivery worker.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	static final String QUEUE = "outbox";

	@Bean
	@ConditionalOnProperty("pki.outbox.webhook-url")
	WebhookEventSink webhookEventSink(RestClient.Builder builder, PkiProperties properties) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(properties.getOutbox().getWebhookTimeout());
		return new WebhookEventSink(builder.clone().requestFactory(requestFactory).build(),
				properties.getOutbox().getWebhookUrl());
	}

	@Bean
	OutboxWorker outboxWorker(OutboxRepository repository, List<EventSink> sinks, TransactionTemplate transactions,
			PkiProperties properties, MeterRegistry meters) {
		return new OutboxWorker(repository, sinks, transactions, properties.getOutbox(), meters);
	}

	@Bean
	@ConditionalOnProperty(name = "pki.outbox.worker-enabled", matchIfMissing = true)
	OutboxPoller outboxPoller(OutboxWorker outbox, WorkerRegistry workers, PkiProperties properties) {
		// Only an instance that runs the worker registers it: an instance without one must not look stalled
		return new OutboxPoller(outbox, workers.worker(QUEUE), properties.getOutbox().getPollInterval(),
				properties.getOutbox().getBatchSize());
	}

	/**
	 * The outbox as a durable queue: depth and oldest-item age for the System Health page and
	 * {@code selfobs.queue.*}, read from the table on the starter's sampling thread (and at once on the first read,
	 * so the first scrape after a restart is right).
	 */
	@Bean
	DurableQueue outboxQueue(OutboxRepository repository) {
		return DurableQueue.of(QUEUE, () -> {
			OutboxRepository.Backlog backlog = repository.backlog();
			return new QueueBacklog(backlog.pending(), backlog.oldest());
		});
	}

	/**
	 * The sample's documented backlog gauges, reading the same sample as {@code selfobs.queue.*}.
	 */
	@Bean
	MeterBinder outboxBacklogMeters(WorkerRegistry workers) {
		return (registry) -> {
			Gauge.builder("outbox.pending.events", workers, (w) -> backlog(w).depth())
				.description("Deliveries waiting in the outbox")
				.register(registry);
			Gauge.builder("outbox.oldest.pending.age", workers, (w) -> {
				Instant oldest = backlog(w).oldestItemEnqueuedAt();
				return (oldest != null) ? Math.max(0, Duration.between(oldest, Instant.now()).toMillis()) / 1000.0 : 0;
			}).description("Age of the oldest pending delivery").baseUnit("seconds").register(registry);
		};
	}

	private static QueueBacklog backlog(WorkerRegistry workers) {
		return workers.backlog(QUEUE).orElse(QueueBacklog.EMPTY);
	}

}
