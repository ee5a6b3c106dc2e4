package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * Hands an exporter every record redacted (body and string attributes), so an exporter
 * the application adds gets no more than selfobs' own OTLP exporter. Internal, not API.
 */
public final class RedactingLogRecordExporter implements LogRecordExporter {

	private final LogRecordExporter delegate;

	private final Redactor redactor;

	public RedactingLogRecordExporter(LogRecordExporter delegate, Redactor redactor) {
		this.delegate = delegate;
		this.redactor = redactor;
	}

	static List<LogRecordData> redact(Collection<LogRecordData> logs, Redactor redactor) {
		List<LogRecordData> redacted = new ArrayList<>(logs.size());
		for (LogRecordData record : logs) {
			redacted.add(RedactedLogRecordData.of(record, redactor));
		}
		return redacted;
	}

	@Override
	public CompletableResultCode export(Collection<LogRecordData> logs) {
		return this.delegate.export(redact(logs, this.redactor));
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return "RedactingLogRecordExporter[" + this.delegate + "]";
	}

}
