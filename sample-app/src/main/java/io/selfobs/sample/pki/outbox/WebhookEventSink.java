package io.selfobs.sample.pki.outbox;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Posts every event as JSON to a webhook. The event id travels as {@code Idempotency-Key}
 * so that the receiver can drop the redelivery that follows a crash between delivery and
 * commit.
 */
final class WebhookEventSink implements EventSink {

	private final RestClient client;

	private final URI url;

	WebhookEventSink(RestClient client, URI url) {
		this.client = client;
		this.url = url;
	}

	@Override
	public String name() {
		return "webhook";
	}

	@Override
	public void deliver(OutboxEvent event) {
		this.client.post()
			.uri(this.url)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", event.eventId())
			.header("X-Event-Type", event.type())
			.body(event.payload())
			.retrieve()
			.toBodilessEntity();
	}

}
