package io.selfobs.autoconfigure.logging.internal.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.redaction.internal.AttributesRedaction;

/**
 * A log record as it is exported: a string body redacted as free text, string and
 * string-array attributes redacted by key (the stack trace and exception message
 * included), as span attributes are.
 */
final class RedactedLogRecordData implements LogRecordData {

	private final LogRecordData record;

	private final Value<?> body;

	private final Attributes attributes;

	private RedactedLogRecordData(LogRecordData record, Value<?> body, Attributes attributes) {
		this.record = record;
		this.body = body;
		this.attributes = attributes;
	}

	/**
	 * The record as it may be exported: the record itself when redaction changes nothing
	 * (the common case, with no copy), else a view with the redacted body and attributes.
	 */
	static LogRecordData of(LogRecordData record, Redactor redactor) {
		if (record instanceof SelfRedactingLogRecordData selfRedacting) {
			LogRecordData redacted = selfRedacting.redacted(redactor);
			if (redacted != null) {
				return redacted;
			}
		}
		Value<?> body = record.getBodyValue();
		Value<?> redactedBody = body;
		if (body != null && body.getType() == ValueType.STRING) {
			String text = (String) body.getValue();
			String redacted = redactor.redact(text);
			// A redactor returns its input instance when nothing had to be redacted
			redactedBody = (redacted != text) ? Value.of(redacted) : body;
		}
		Attributes attributes = record.getAttributes();
		Attributes redactedAttributes = AttributesRedaction.redact(attributes, redactor);
		return (redactedBody == body && redactedAttributes == attributes) ? record
				: new RedactedLogRecordData(record, redactedBody, redactedAttributes);
	}

	@Override
	public Resource getResource() {
		return this.record.getResource();
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return this.record.getInstrumentationScopeInfo();
	}

	@Override
	public long getTimestampEpochNanos() {
		return this.record.getTimestampEpochNanos();
	}

	@Override
	public long getObservedTimestampEpochNanos() {
		return this.record.getObservedTimestampEpochNanos();
	}

	@Override
	public SpanContext getSpanContext() {
		return this.record.getSpanContext();
	}

	@Override
	public Severity getSeverity() {
		return this.record.getSeverity();
	}

	@Override
	public String getSeverityText() {
		return this.record.getSeverityText();
	}

	@Override
	@Deprecated
	public Body getBody() {
		return (this.body == null) ? Body.empty() : Body.string(this.body.asString());
	}

	@Override
	public Value<?> getBodyValue() {
		return this.body;
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public int getTotalAttributeCount() {
		return this.record.getTotalAttributeCount();
	}

	@Override
	public String getEventName() {
		return this.record.getEventName();
	}

}
