package io.selfobs.autoconfigure.tracing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.redaction.internal.AttributesRedaction;

/**
 * Passes every span through the {@link Redactor} before handing it to the exporters, so
 * no exporter (OTLP or a user's own) ever sees unredacted attributes, event attributes
 * (exception messages and stack traces included), link attributes or status descriptions.
 * A span without anything to redact is passed on as it is: only spans that carry a secret
 * are copied. Internal, not API.
 */
public final class RedactingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final Redactor redactor;

	public RedactingSpanExporter(SpanExporter delegate, Redactor redactor) {
		this.delegate = delegate;
		this.redactor = redactor;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<SpanData> redacted = new ArrayList<>(spans.size());
		for (SpanData span : spans) {
			redacted.add(redact(span));
		}
		return this.delegate.export(redacted);
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	private SpanData redact(SpanData span) {
		Attributes attributes = span.getAttributes();
		List<EventData> events = span.getEvents();
		List<LinkData> links = span.getLinks();
		StatusData status = span.getStatus();
		Attributes redactedAttributes = AttributesRedaction.redact(attributes, this.redactor);
		List<EventData> redactedEvents = AttributesRedaction.redactEach(events, this::redact);
		List<LinkData> redactedLinks = AttributesRedaction.redactEach(links, this::redact);
		StatusData redactedStatus = redact(status);
		boolean unchanged = redactedAttributes == attributes && redactedEvents == events && redactedLinks == links
				&& redactedStatus == status;
		return unchanged ? span
				: new RedactedSpan(span, redactedAttributes, redactedEvents, redactedLinks, redactedStatus);
	}

	private EventData redact(EventData event) {
		Attributes attributes = AttributesRedaction.redact(event.getAttributes(), this.redactor);
		return (attributes != event.getAttributes())
				? EventData.create(event.getEpochNanos(), event.getName(), attributes, event.getTotalAttributeCount())
				: event;
	}

	private LinkData redact(LinkData link) {
		Attributes attributes = AttributesRedaction.redact(link.getAttributes(), this.redactor);
		return (attributes != link.getAttributes())
				? LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount()) : link;
	}

	private StatusData redact(StatusData status) {
		String description = status.getDescription();
		String redacted = description.isEmpty() ? description : this.redactor.redact(description);
		return (redacted != description) ? StatusData.create(status.getStatusCode(), redacted) : status;
	}

	private static final class RedactedSpan extends DelegatingSpanData {

		private final Attributes attributes;

		private final List<EventData> events;

		private final List<LinkData> links;

		private final StatusData status;

		RedactedSpan(SpanData span, Attributes attributes, List<EventData> events, List<LinkData> links,
				StatusData status) {
			super(span);
			this.attributes = attributes;
			this.events = events;
			this.links = links;
			this.status = status;
		}

		@Override
		public Attributes getAttributes() {
			return this.attributes;
		}

		@Override
		public List<EventData> getEvents() {
			return this.events;
		}

		@Override
		public List<LinkData> getLinks() {
			return this.links;
		}

		@Override
		public StatusData getStatus() {
			return this.status;
		}

	}

}
