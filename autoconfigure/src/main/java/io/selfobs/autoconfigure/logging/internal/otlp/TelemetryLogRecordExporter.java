package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * Wraps an OTLP log exporter: redacts every record before it is serialised, and tells the bounded processor when
 * a batch has left the queue (the exporter counts the outcome itself, see {@code OtlpExporters}).
 */
final class TelemetryLogRecordExporter implements LogRecordExporter {

	private final LogRecordExporter delegate;

	private final IntConsumer completed;

	private final Redactor redactor;

	/**
	 * Create a new instance.
	 * @param delegate the OTLP exporter
	 * @param completed told how many records left the queue, whatever the outcome
	 * @param redactor applied to every record before it is serialised
	 */
	TelemetryLogRecordExporter(LogRecordExporter delegate, IntConsumer completed, Redactor redactor) {
		this.delegate = delegate;
		this.completed = completed;
		this.redactor = redactor;
	}

	@Override
	public CompletableResultCode export(Collection<LogRecordData> logs) {
		int items = logs.size();
		List<LogRecordData> redacted = RedactingLogRecordExporter.redact(logs, this.redactor);
		CompletableResultCode result;
		try {
			result = this.delegate.export(redacted);
		}
		catch (RuntimeException ex) {
			result = CompletableResultCode.ofExceptionalFailure(ex);
		}
		CompletableResultCode outcome = result;
		outcome.whenComplete(() -> this.completed.accept(items));
		return outcome;
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

}
