package io.selfobs.autoconfigure.tracing.internal;

import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;
import io.selfobs.autoconfigure.otlp.internal.OtlpExporters;

/**
 * Builds the OTLP span exporter of a destination, for either transport (see {@link OtlpExporters}: bounded time,
 * counted outcomes, built on first use). Internal, not API.
 */
public final class OtlpSpanExporters {

	private OtlpSpanExporters() {
	}

	/**
	 * Build the exporter.
	 * @param destination where and how to send
	 * @param telemetry where batch outcomes are counted
	 * @return the counting exporter
	 */
	public static CountingSpanExporter create(OtlpDestination destination, OtlpExportTelemetry telemetry) {
		return new CountingSpanExporter(OtlpExporters.spanExporter(destination, telemetry), destination, telemetry);
	}

}
