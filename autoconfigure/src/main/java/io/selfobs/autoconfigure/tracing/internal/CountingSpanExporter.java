package io.selfobs.autoconfigure.tracing.internal;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportResults;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;

/**
 * Reports the outcome of every batch an OTLP span exporter sends to {@link OtlpExportTelemetry}.
 */
public final class CountingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final OtlpDestination destination;

	private final OtlpExportTelemetry telemetry;

	public CountingSpanExporter(SpanExporter delegate, OtlpDestination destination, OtlpExportTelemetry telemetry) {
		this.delegate = delegate;
		this.destination = destination;
		this.telemetry = telemetry;
	}

	/**
	 * Where the spans go.
	 * @return the destination
	 */
	public OtlpDestination getDestination() {
		return this.destination;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		return OtlpExportResults.record(this.delegate.export(spans), this.destination, spans.size(), this.telemetry);
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
		return "CountingSpanExporter[" + this.destination + "]";
	}

}
