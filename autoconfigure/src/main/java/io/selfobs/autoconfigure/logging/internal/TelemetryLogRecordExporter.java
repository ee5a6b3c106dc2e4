package io.selfobs.autoconfigure.logging.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;

import javax.net.ssl.SSLException;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;

/**
 * Wraps an OTLP log exporter: redacts every record before it is serialised, and reports every batch outcome
 * to {@link OtlpExportTelemetry}.
 */
final class TelemetryLogRecordExporter implements LogRecordExporter {

	private final LogRecordExporter delegate;

	private final OtlpDestination destination;

	private final OtlpExportTelemetry telemetry;

	private final IntConsumer completed;

	/**
	 * Create a new instance.
	 * @param delegate the OTLP exporter
	 * @param destination where it sends
	 * @param telemetry where outcomes are counted, may be null
	 * @param completed told how many records left the queue, whatever the outcome
	 */
	TelemetryLogRecordExporter(LogRecordExporter delegate, OtlpDestination destination, OtlpExportTelemetry telemetry,
			IntConsumer completed) {
		this.delegate = delegate;
		this.destination = destination;
		this.telemetry = telemetry;
		this.completed = completed;
	}

	@Override
	public CompletableResultCode export(Collection<LogRecordData> logs) {
		int items = logs.size();
		List<LogRecordData> redacted = logs.stream()
			.map((record) -> RedactedLogRecordData.of(record, LogRedactionHolder.get()))
			.toList();
		CompletableResultCode result;
		try {
			result = this.delegate.export(redacted);
		}
		catch (RuntimeException ex) {
			result = CompletableResultCode.ofExceptionalFailure(ex);
		}
		CompletableResultCode outcome = result;
		outcome.whenComplete(() -> report(outcome, items));
		return outcome;
	}

	private void report(CompletableResultCode result, int items) {
		this.completed.accept(items);
		if (this.telemetry == null) {
			return;
		}
		if (result.isSuccess()) {
			this.telemetry.exported(this.destination.signal(), this.destination.transport(), items);
		}
		else {
			Throwable failure = result.getFailureThrowable();
			this.telemetry.failed(this.destination, reason(failure), items,
					(failure != null) ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
							: "the collector did not accept the batch");
		}
	}

	private static String reason(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof ConnectException || current instanceof UnknownHostException) {
				return "unreachable";
			}
			if (current instanceof InterruptedIOException) {
				return "timeout";
			}
			if (current instanceof SSLException) {
				return "tls";
			}
		}
		return "rejected";
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
