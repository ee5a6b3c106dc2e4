package io.selfobs.autoconfigure.tracing.internal;

import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

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

/**
 * Passes every span through the {@link Redactor} before handing it to the exporters, so no exporter (OTLP or a
 * user's own) ever sees unredacted attributes, event attributes (exception messages and stack traces included),
 * link attributes or status descriptions.
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
		return this.delegate.export(spans.stream().<SpanData>map(RedactedSpan::new).toList());
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	private String redactText(String text) {
		return this.redactor.redact(text);
	}

	@SuppressWarnings("unchecked")
	private Attributes redact(Attributes attributes) {
		if (attributes.isEmpty()) {
			return attributes;
		}
		AttributesBuilder builder = Attributes.builder();
		attributes.forEach((key, value) -> {
			if (key.getType() == AttributeType.STRING) {
				builder.put((AttributeKey<String>) key, this.redactor.redactValue(key.getKey(), (String) value));
			}
			else if (key.getType() == AttributeType.STRING_ARRAY) {
				UnaryOperator<String> redact = (item) -> this.redactor.redactValue(key.getKey(), item);
				builder.put((AttributeKey<List<String>>) key, ((List<String>) value).stream().map(redact).toList());
			}
			else {
				builder.put((AttributeKey<Object>) key, value);
			}
		});
		return builder.build();
	}

	private final class RedactedSpan extends DelegatingSpanData {

		private final Attributes attributes;

		private final List<EventData> events;

		private final List<LinkData> links;

		private final StatusData status;

		RedactedSpan(SpanData span) {
			super(span);
			this.attributes = redact(span.getAttributes());
			this.events = span.getEvents().stream().map(this::redactEvent).toList();
			this.links = span.getLinks().stream()
				.map((link) -> LinkData.create(link.getSpanContext(), redact(link.getAttributes()),
						link.getTotalAttributeCount()))
				.toList();
			StatusData original = span.getStatus();
			this.status = (original.getDescription().isEmpty()) ? original
					: StatusData.create(original.getStatusCode(), redactText(original.getDescription()));
		}

		private EventData redactEvent(EventData event) {
			return EventData.create(event.getEpochNanos(), event.getName(), redact(event.getAttributes()),
					event.getTotalAttributeCount());
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
