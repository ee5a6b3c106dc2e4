package io.selfobs.autoconfigure.otlp.internal;

import java.time.Duration;
import java.util.Collection;

import io.selfobs.autoconfigure.otlp.OtlpBatchSettings;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.Redactor;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What every signal's export pipeline (bounded queue → redaction → exporters) shares: the
 * context's {@link Redactor} (the default rules without one) and where queue drops are
 * counted. Internal, not API.
 */
public final class ExportPipelineContext {

	private final ObjectProvider<Redactor> redactor;

	private final ObjectProvider<OtlpExportTelemetry> telemetry;

	public ExportPipelineContext(ObjectProvider<Redactor> redactor, ObjectProvider<OtlpExportTelemetry> telemetry) {
		this.redactor = redactor;
		this.telemetry = telemetry;
	}

	/**
	 * The redactor every exporter's data passes; without the redaction auto-configuration
	 * the default rules still apply.
	 * @return the redactor
	 */
	public Redactor redactor() {
		return this.redactor.getIfAvailable(() -> Redactor.builder().build());
	}

	/**
	 * Configure a signal's queue: its settings, how long the worker waits for a batch
	 * (the timeout of selfobs' OTLP exporter among the exporters, which bounds each
	 * export itself, else the OpenTelemetry default) and the counting of what its full
	 * queue drops, tagged with that exporter's transport ({@code none} without one).
	 * @param queue the processor builder's setters
	 * @param settings the signal's queue settings
	 * @param signal the signal
	 * @param exporters the exporters the queue feeds
	 */
	public void configureQueue(ExportQueue queue, OtlpBatchSettings settings, OtlpSignal signal,
			Collection<?> exporters) {
		OtlpDestination destination = exporters.stream()
			.filter(OtlpExporters.Lazy.class::isInstance)
			.map((exporter) -> ((OtlpExporters.Lazy<?>) exporter).getDestination())
			.findFirst()
			.orElse(null);
		Duration timeout = (destination != null) ? destination.timeout() : ExportQueue.DEFAULT_EXPORT_TIMEOUT;
		String transport = (destination != null) ? destination.transport() : "none";
		queue.configure(settings, timeout, signal, transport, this.telemetry.getIfAvailable());
	}

}
