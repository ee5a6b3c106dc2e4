package io.selfobs.sample.pki.outbox;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.autoconfigure.worker.DurableQueue;
import io.selfobs.autoconfigure.worker.QueueBacklog;
import io.selfobs.autoconfigure.worker.WorkerRegistry;
import io.selfobs.sample.pki.config.PropertyChecks;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The outbox sinks and the background delivery worker. The {@code pki.outbox.*} settings
 * are checked here, at startup.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	static final String QUEUE = "outbox";

	private static final String PREFIX = "pki.outbox.";

	@Bean
	@ConditionalOnProperty("pki.outbox.webhook-url")
	WebhookEventSink webhookEventSink(RestClient.Builder builder, OutboxProperties properties) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory
			.setReadTimeout(PropertyChecks.positive(PREFIX + "webhook-timeout", properties.getWebhookTimeout(), "5s"));
		// the condition above guarantees the property is set
		URI webhookUrl = Objects.requireNonNull(properties.getWebhookUrl(), PREFIX + "webhook-url is not set");
		return new WebhookEventSink(builder.clone().requestFactory(requestFactory).build(), webhookUrl);
	}

	@Bean
	OutboxMetrics outboxMetrics(MeterRegistry meters, WorkerRegistry workers) {
		return new OutboxMetrics(meters, workers);
	}

	@Bean
	OutboxWorker outboxWorker(OutboxRepository repository, List<EventSink> sinks, TransactionTemplate transactions,
			OutboxProperties properties, OutboxMetrics metrics) {
		PropertyChecks.positive(PREFIX + "batch-size", properties.getBatchSize());
		PropertyChecks.positive(PREFIX + "max-attempts", properties.getMaxAttempts());
		PropertyChecks.positive(PREFIX + "initial-backoff", properties.getInitialBackoff(), "1s");
		return new OutboxWorker(repository, sinks, transactions, properties, metrics);
	}

	@Bean
	@ConditionalOnProperty(name = "pki.outbox.worker-enabled", matchIfMissing = true)
	OutboxPoller outboxPoller(OutboxWorker outbox, WorkerRegistry workers, OutboxProperties properties) {
		// Only an instance that runs the worker registers it: an instance without one
		// must not look stalled
		return new OutboxPoller(outbox, workers.worker(QUEUE),
				PropertyChecks.positive(PREFIX + "poll-interval", properties.getPollInterval(), "500ms"),
				properties.getBatchSize());
	}

	/**
	 * The outbox as a durable queue: depth and oldest-item age for the System Health page
	 * and {@code selfobs.queue.*}, read from the table on the starter's sampling thread
	 * (and at once on the first read, so the first scrape after a restart is right).
	 */
	@Bean
	DurableQueue outboxQueue(OutboxRepository repository) {
		return DurableQueue.of(QUEUE, () -> {
			OutboxRepository.Backlog backlog = repository.backlog();
			return new QueueBacklog(backlog.pending(), backlog.oldest());
		});
	}

}
