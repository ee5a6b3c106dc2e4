package io.selfobs.autoconfigure.logging.internal;

import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportResults;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * Wraps an OTLP log exporter: redacts every record before it is serialised, and reports every batch outcome
 * to {@link OtlpExportTelemetry}.
 */
final class TelemetryLogRecordExporter implements LogRecordExporter {

	private final LogRecordExporter delegate;

	private final OtlpDestination destination;

	private final OtlpExportTelemetry telemetry;

	private final IntConsumer completed;

	private final Redactor redactor;

	/**
	 * Create a new instance.
	 * @param delegate the OTLP exporter
	 * @param destination where it sends
	 * @param telemetry where outcomes are counted, may be null
	 * @param completed told how many records left the queue, whatever the outcome
	 * @param redactor applied to every record before it is serialised
	 */
	TelemetryLogRecordExporter(LogRecordExporter delegate, OtlpDestination destination, OtlpExportTelemetry telemetry,
			IntConsumer completed, Redactor redactor) {
		this.delegate = delegate;
		this.destination = destination;
		this.telemetry = telemetry;
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
		return (this.telemetry != null) ? OtlpExportResults.record(outcome, this.destination, items, this.telemetry)
				: outcome;
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
