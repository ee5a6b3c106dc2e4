package io.selfobs.sample.pki.outbox;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
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

	@Bean
	@ConditionalOnProperty("pki.outbox.webhook-url")
	WebhookEventSink webhookEventSink(RestClient.Builder builder, PkiProperties properties) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(Duration.ofSeconds(5));
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
	OutboxPoller outboxPoller(OutboxWorker worker, PkiProperties properties) {
		return new OutboxPoller(worker, properties.getOutbox().getPollInterval(),
				properties.getOutbox().getBatchSize());
	}

}
