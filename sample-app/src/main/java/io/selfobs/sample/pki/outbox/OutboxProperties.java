package io.selfobs.sample.pki.outbox;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the event outbox and its delivery worker, under {@code pki.outbox.*}.
 */
@ConfigurationProperties("pki.outbox")
public class OutboxProperties {

	/**
	 * Whether this instance runs the delivery worker.
	 */
	private boolean workerEnabled = true;

	/**
	 * Pause between two worker cycles.
	 */
	private Duration pollInterval = Duration.ofMillis(500);

	/**
	 * Events claimed per cycle.
	 */
	private int batchSize = 50;

	/**
	 * Attempts before an event is dead-lettered.
	 */
	private int maxAttempts = 5;

	/**
	 * Delay before the first retry; doubles on each further attempt.
	 */
	private Duration initialBackoff = Duration.ofSeconds(1);

	/**
	 * Webhook that receives every event as JSON, in addition to the log sink.
	 */
	private @Nullable URI webhookUrl;

	/**
	 * Time limit of one webhook delivery; a delivery that takes longer counts as failed
	 * and is retried.
	 */
	private Duration webhookTimeout = Duration.ofSeconds(5);

	public Duration getWebhookTimeout() {
		return this.webhookTimeout;
	}

	public void setWebhookTimeout(Duration webhookTimeout) {
		this.webhookTimeout = webhookTimeout;
	}

	public boolean isWorkerEnabled() {
		return this.workerEnabled;
	}

	public void setWorkerEnabled(boolean workerEnabled) {
		this.workerEnabled = workerEnabled;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public @Nullable URI getWebhookUrl() {
		return this.webhookUrl;
	}

	public void setWebhookUrl(@Nullable URI webhookUrl) {
		this.webhookUrl = webhookUrl;
	}

}
