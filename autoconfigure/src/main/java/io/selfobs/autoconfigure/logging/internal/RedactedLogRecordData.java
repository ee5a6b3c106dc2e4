package io.selfobs.autoconfigure.logging.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * A log record as it is exported: a string body redacted as free text, string attributes redacted by key
 * (the stack trace and exception message included).
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

	static LogRecordData of(LogRecordData record, Redactor redactor) {
		Value<?> body = record.getBodyValue();
		if (body != null && body.getType() == ValueType.STRING) {
			body = Value.of(redactor.redact((String) body.getValue()));
		}
		return new RedactedLogRecordData(record, body, redact(record.getAttributes(), redactor));
	}

	@SuppressWarnings("unchecked")
	private static Attributes redact(Attributes attributes, Redactor redactor) {
		AttributesBuilder builder = Attributes.builder();
		attributes.forEach((key, value) -> {
			if (key.getType() == AttributeType.STRING) {
				builder.put((AttributeKey<String>) key, redactor.redactValue(key.getKey(), (String) value));
			}
			else {
				builder.put((AttributeKey<Object>) key, value);
			}
		});
		return builder.build();
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
