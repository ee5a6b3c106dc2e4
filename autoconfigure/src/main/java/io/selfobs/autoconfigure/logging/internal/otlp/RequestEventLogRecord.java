package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.redaction.internal.AttributesRedaction;
import org.jspecify.annotations.Nullable;

/**
 * The OTLP log record of one request event, holding only the captured facts. Its body and
 * attributes (the same ones the Logs API path gives it: {@code thread.name},
 * {@code thread.id}, the event's fields, the MDC) are built when first asked for: by the
 * batch processor's {@link #toLogRecordData()} on its worker thread, so the request
 * thread allocates no attribute map and nothing is copied twice. A processor that reads
 * the record before (a user's {@code LogRecordProcessor}) sees the same values; one that
 * sets an attribute changes a copy, which is what is exported. Attribute limits of the
 * SDK apply as in its own records. Internal, not API.
 */
final class RequestEventLogRecord implements ReadWriteLogRecord {

	private static final String SEVERITY_TEXT = "INFO";

	private final SdkLogPipeline pipeline;

	private final RequestEvent event;

	private final long timestampEpochNanos;

	private final long observedTimestampEpochNanos;

	private final SpanContext spanContext;

	private final long threadId;

	private @Nullable Attributes attributes;

	/**
	 * Attributes set by processors, on top of the event's; built into {@link #attributes}
	 * when next read.
	 */
	private @Nullable AttributesBuilder changes;

	private int totalAttributeCount;

	private @Nullable Value<?> body;

	RequestEventLogRecord(SdkLogPipeline pipeline, RequestEvent event, long observedTimestampEpochNanos,
			SpanContext spanContext, long threadId) {
		this.pipeline = pipeline;
		this.event = event;
		this.timestampEpochNanos = event.timestamp.getEpochSecond() * 1_000_000_000L + event.timestamp.getNano();
		this.observedTimestampEpochNanos = observedTimestampEpochNanos;
		this.spanContext = spanContext;
		this.threadId = threadId;
	}

	@Override
	public <T> ReadWriteLogRecord setAttribute(AttributeKey<T> key, T value) {
		if (key == null || key.getKey().isEmpty() || value == null) {
			return this;
		}
		if (this.changes == null) {
			this.changes = attributes().toBuilder();
		}
		this.changes.put(key, value);
		this.attributes = null;
		return this;
	}

	@Override
	public LogRecordData toLogRecordData() {
		if (this.changes == null && this.attributes == null) {
			// Nothing read or set them: the exporter's redaction builds them once,
			// redacted
			return new Data(this, null, body(), -1);
		}
		return new Data(this, attributes(), body(), this.totalAttributeCount);
	}

	@Override
	public <T> @Nullable T getAttribute(AttributeKey<T> key) {
		return attributes().get(key);
	}

	@Override
	public Attributes getAttributes() {
		return attributes();
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return this.pipeline.scope();
	}

	@Override
	public long getTimestampEpochNanos() {
		return this.timestampEpochNanos;
	}

	@Override
	public long getObservedTimestampEpochNanos() {
		return this.observedTimestampEpochNanos;
	}

	@Override
	public SpanContext getSpanContext() {
		return this.spanContext;
	}

	@Override
	public Severity getSeverity() {
		return Severity.INFO;
	}

	@Override
	public String getSeverityText() {
		return SEVERITY_TEXT;
	}

	@Override
	public Value<?> getBodyValue() {
		return body();
	}

	@Override
	public @Nullable String getEventName() {
		return null;
	}

	private Value<?> body() {
		Value<?> body = this.body;
		if (body == null) {
			body = Value.of(this.event.message());
			this.body = body;
		}
		return body;
	}

	private Attributes attributes() {
		Attributes attributes = this.attributes;
		if (attributes == null) {
			attributes = limited((this.changes != null) ? this.changes.build() : eventAttributes(null));
			this.attributes = attributes;
		}
		return attributes;
	}

	/**
	 * The attributes the Logs API path gives a request event, in the same order (a later
	 * key replaces an earlier one), each text value passed through the redaction as it is
	 * put. selfobs' own constants ({@code event.kind}, {@code event.category}, ...) are
	 * put as they are.
	 */
	private Attributes eventAttributes(@Nullable Redactor redactor) {
		CompactAttributes.Builder builder = CompactAttributes
			.builder(2 + this.event.maxFieldCount() + this.event.mdc.size())
			.put(OtlpLogAppender.THREAD_NAME,
					redacted(redactor, OtlpLogAppender.THREAD_NAME.getKey(), this.event.threadName))
			.put(OtlpLogAppender.THREAD_ID, this.threadId);
		this.event.fields(new RequestEvent.Fields() {

			@Override
			public void string(String key, String value) {
				builder.put(AttributeKeys.string(key), redacted(redactor, key, value));
			}

			@Override
			public void number(String key, long value) {
				builder.put(AttributeKeys.longKey(key), value);
			}

			@Override
			public void strings(String key, List<String> values) {
				builder.put(AttributeKeys.strings(key), (redactor != null)
						? AttributesRedaction.redactEach(values, (value) -> redactor.redactValue(key, value)) : values);
			}

			@Override
			public void constant(String key, String value) {
				builder.put(AttributeKeys.string(key), value);
			}

			@Override
			public void constants(String key, List<String> values) {
				builder.put(AttributeKeys.strings(key), values);
			}

		});
		this.event.mdc.forEach((key, value) -> {
			if (key != null && value != null) {
				builder.put(AttributeKeys.string(key), redacted(redactor, key, value));
			}
		});
		return builder.build();
	}

	private static String redacted(@Nullable Redactor redactor, String key, String value) {
		return (redactor != null) ? redactor.redactValue(key, value) : value;
	}

	/**
	 * The SDK's limits, as its own records apply them: keys past the maximum count are
	 * dropped (and counted in the total), string values truncated.
	 */
	@SuppressWarnings("unchecked")
	private Attributes limited(Attributes attributes) {
		LogLimits limits = this.pipeline.logLimits();
		int maxCount = limits.getMaxNumberOfAttributes();
		int maxLength = limits.getMaxAttributeValueLength();
		this.totalAttributeCount = attributes.size();
		if (attributes.size() <= maxCount && maxLength == Integer.MAX_VALUE) {
			return attributes;
		}
		AttributesBuilder builder = Attributes.builder();
		int[] count = new int[1];
		attributes.forEach((key, value) -> {
			if (count[0]++ < maxCount) {
				builder.put((AttributeKey<Object>) key, truncated(key, value, maxLength));
			}
		});
		return builder.build();
	}

	private static Object truncated(AttributeKey<?> key, Object value, int maxLength) {
		if (key.getType() == AttributeType.STRING) {
			String text = (String) value;
			return (text.length() > maxLength) ? text.substring(0, maxLength) : text;
		}
		if (key.getType() == AttributeType.STRING_ARRAY) {
			List<String> truncated = new ArrayList<>();
			for (Object item : (List<?>) value) {
				String text = (String) item;
				truncated.add((text.length() > maxLength) ? text.substring(0, maxLength) : text);
			}
			return truncated;
		}
		return value;
	}

	/**
	 * The record as the batch processor queues it for export.
	 */
	private static final class Data implements LogRecordData, SelfRedactingLogRecordData {

		private final RequestEventLogRecord record;

		/**
		 * Null until read when nothing read or set the record's attributes before it was
		 * queued: they are then built from the event on first read, or redacted as they
		 * are built ({@link #redacted}).
		 */
		private @Nullable Attributes attributes;

		private Value<?> body;

		private int totalAttributeCount;

		Data(RequestEventLogRecord record, @Nullable Attributes attributes, Value<?> body, int totalAttributeCount) {
			this.record = record;
			this.attributes = attributes;
			this.body = body;
			this.totalAttributeCount = totalAttributeCount;
		}

		@Override
		public @Nullable LogRecordData redacted(Redactor redactor) {
			if (this.attributes != null) {
				return null;
			}
			// Only the exporters of this record's processor see this instance: it becomes
			// the redacted record itself
			this.attributes = this.record.limited(this.record.eventAttributes(redactor));
			this.totalAttributeCount = this.record.totalAttributeCount;
			String message = this.body.asString();
			String redactedMessage = redactor.redact(message);
			if (redactedMessage != message) {
				this.body = Value.of(redactedMessage);
			}
			return this;
		}

		@Override
		public Resource getResource() {
			return this.record.pipeline.resource();
		}

		@Override
		public InstrumentationScopeInfo getInstrumentationScopeInfo() {
			return this.record.pipeline.scope();
		}

		@Override
		public long getTimestampEpochNanos() {
			return this.record.timestampEpochNanos;
		}

		@Override
		public long getObservedTimestampEpochNanos() {
			return this.record.observedTimestampEpochNanos;
		}

		@Override
		public SpanContext getSpanContext() {
			return this.record.spanContext;
		}

		@Override
		public Severity getSeverity() {
			return Severity.INFO;
		}

		@Override
		public String getSeverityText() {
			return SEVERITY_TEXT;
		}

		@Override
		@Deprecated
		public Body getBody() {
			return Body.string(this.body.asString());
		}

		@Override
		public Value<?> getBodyValue() {
			return this.body;
		}

		@Override
		public Attributes getAttributes() {
			Attributes attributes = this.attributes;
			if (attributes == null) {
				attributes = this.record.limited(this.record.eventAttributes(null));
				this.totalAttributeCount = this.record.totalAttributeCount;
				this.attributes = attributes;
			}
			return attributes;
		}

		@Override
		public int getTotalAttributeCount() {
			getAttributes();
			return this.totalAttributeCount;
		}

		@Override
		public @Nullable String getEventName() {
			return null;
		}

		@Override
		public String toString() {
			return "RequestEventLogRecordData{scope=" + getInstrumentationScopeInfo().getName() + ", body="
					+ this.body.asString() + ", attributes=" + getAttributes() + "}";
		}

	}

}
