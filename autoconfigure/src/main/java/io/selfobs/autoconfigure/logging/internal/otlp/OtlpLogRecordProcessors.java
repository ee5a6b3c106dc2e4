package io.selfobs.autoconfigure.logging.internal.otlp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.logging.OtelLoggingProperties;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;
import io.selfobs.autoconfigure.otlp.internal.OtlpExporters;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;

/**
 * Builds the processor that exports redacted log records over OTLP: the OpenTelemetry exporter for the
 * destination's transport, configured by {@link OtlpDestination#applyTo}, behind a batch processor whose queue
 * is bounded and whose overflow is counted. Internal, not API.
 */
public final class OtlpLogRecordProcessors {

	private OtlpLogRecordProcessors() {
	}

	/**
	 * Create the processor.
	 * @param destination where to send
	 * @param export queue and batch settings
	 * @param telemetry where outcomes and drops are counted, may be null
	 * @param redactor applied to every record before it is exported
	 * @return a processor to add to the SDK logger provider
	 */
	public static LogRecordProcessor create(OtlpDestination destination, OtelLoggingProperties.Export export,
			OtlpExportTelemetry telemetry, Redactor redactor) {
		BoundedProcessor bounded = new BoundedProcessor(destination, export.getMaxQueueSize(),
				export.getShutdownTimeout(), telemetry);
		LogRecordExporter exporter = new TelemetryLogRecordExporter(
				OtlpExporters.logRecordExporter(destination, telemetry), bounded::completed, redactor);
		bounded.delegate = BatchLogRecordProcessor.builder(exporter)
			.setMaxQueueSize(export.getMaxQueueSize())
			.setMaxExportBatchSize(export.getMaxBatchSize())
			.setScheduleDelay(export.getScheduleDelay())
			.setExporterTimeout(destination.timeout())
			.build();
		return bounded;
	}

	/**
	 * Admits a record only while fewer than the queue size are waiting or being sent, so the batch
	 * processor never drops one silently: every overflow is counted as {@code queue_full}.
	 */
	static final class BoundedProcessor implements LogRecordProcessor {

		private final OtlpDestination destination;

		private final int capacity;

		private final Duration shutdownTimeout;

		private final OtlpExportTelemetry telemetry;

		private final AtomicInteger pending = new AtomicInteger();

		@SuppressWarnings("NullAway.Init") // set by create() before the processor is handed out
		private LogRecordProcessor delegate;

		BoundedProcessor(OtlpDestination destination, int capacity, Duration shutdownTimeout,
				OtlpExportTelemetry telemetry) {
			this.destination = destination;
			this.capacity = capacity;
			this.shutdownTimeout = shutdownTimeout;
			this.telemetry = telemetry;
		}

		@Override
		public void onEmit(Context context, ReadWriteLogRecord record) {
			if (this.pending.incrementAndGet() > this.capacity) {
				this.pending.decrementAndGet();
				if (this.telemetry != null) {
					this.telemetry.dropped(this.destination.signal(), this.destination.transport(), "queue_full", 1);
				}
				return;
			}
			this.delegate.onEmit(context, record);
		}

		void completed(int items) {
			this.pending.addAndGet(-items);
		}

		@Override
		public CompletableResultCode forceFlush() {
			return this.delegate.forceFlush();
		}

		@Override
		public CompletableResultCode shutdown() {
			// Bounded: a collector that never answers must not hold up the application's shutdown
			return this.delegate.shutdown().join(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		@Override
		public String toString() {
			return "SelfobsLogRecordProcessor[" + this.destination + ", capacity=" + this.capacity + "]";
		}

	}

}
