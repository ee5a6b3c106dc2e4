package io.selfobs.autoconfigure.tracing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;

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
		Attributes redactedAttributes = redact(attributes);
		List<EventData> redactedEvents = redactEach(events, this::redact);
		List<LinkData> redactedLinks = redactEach(links, this::redact);
		StatusData redactedStatus = redact(status);
		boolean unchanged = redactedAttributes == attributes && redactedEvents == events && redactedLinks == links
				&& redactedStatus == status;
		return unchanged ? span
				: new RedactedSpan(span, redactedAttributes, redactedEvents, redactedLinks, redactedStatus);
	}

	private EventData redact(EventData event) {
		Attributes attributes = redact(event.getAttributes());
		return (attributes != event.getAttributes())
				? EventData.create(event.getEpochNanos(), event.getName(), attributes, event.getTotalAttributeCount())
				: event;
	}

	private LinkData redact(LinkData link) {
		Attributes attributes = redact(link.getAttributes());
		return (attributes != link.getAttributes())
				? LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount()) : link;
	}

	private StatusData redact(StatusData status) {
		String description = status.getDescription();
		String redacted = description.isEmpty() ? description : this.redactor.redact(description);
		return (redacted != description) ? StatusData.create(status.getStatusCode(), redacted) : status;
	}

	/**
	 * Redact the attributes.
	 * @return the same instance when nothing was redacted
	 */
	private Attributes redact(Attributes attributes) {
		if (attributes.isEmpty()) {
			return attributes;
		}
		AttributeRedaction redaction = new AttributeRedaction(attributes);
		attributes.forEach(redaction);
		return (redaction.changed != null) ? redaction.changed.build() : attributes;
	}

	/**
	 * Redact each item.
	 * @return the same list when no item changed
	 */
	private static <T> List<T> redactEach(List<T> items, Function<T, T> redaction) {
		List<T> redacted = null;
		for (int i = 0; i < items.size(); i++) {
			T item = items.get(i);
			T result = redaction.apply(item);
			if (result != item && redacted == null) {
				redacted = new ArrayList<>(items);
			}
			if (redacted != null) {
				redacted.set(i, result);
			}
		}
		return (redacted != null) ? List.copyOf(redacted) : items;
	}

	/**
	 * Redacts string and string-array attributes; copies the attributes only once a value
	 * changes. Values are compared by identity on purpose: a {@link Redactor} returns the
	 * same instance for a clean value.
	 */
	private final class AttributeRedaction implements BiConsumer<AttributeKey<?>, Object> {

		private final Attributes attributes;

		private @Nullable AttributesBuilder changed;

		AttributeRedaction(Attributes attributes) {
			this.attributes = attributes;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void accept(AttributeKey<?> key, Object value) {
			if (key.getType() == AttributeType.STRING) {
				String redacted = RedactingSpanExporter.this.redactor.redactValue(key.getKey(), (String) value);
				if (redacted != value) {
					builder().put((AttributeKey<String>) key, redacted);
				}
			}
			else if (key.getType() == AttributeType.STRING_ARRAY) {
				List<String> items = (List<String>) value;
				List<String> redacted = redactEach(items,
						(item) -> RedactingSpanExporter.this.redactor.redactValue(key.getKey(), item));
				if (redacted != items) {
					builder().put((AttributeKey<List<String>>) key, redacted);
				}
			}
		}

		private AttributesBuilder builder() {
			if (this.changed == null) {
				this.changed = this.attributes.toBuilder();
			}
			return this.changed;
		}

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
