package io.selfobs.autoconfigure.tracing.internal;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;

/**
 * The OTLP span exporter of selfobs: its batch outcomes are counted in {@link OtlpExportTelemetry} (by the
 * exporter's self-metrics, see {@code OtlpExporters}); a batch the exporter throws on is counted here.
 * Internal, not API.
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
		try {
			return this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.telemetry.failed(this.destination, "io_error", spans.size(),
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
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
