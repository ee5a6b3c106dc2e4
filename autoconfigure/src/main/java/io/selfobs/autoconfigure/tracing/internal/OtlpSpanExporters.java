package io.selfobs.autoconfigure.tracing.internal;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.internal.OtlpExportExecutor;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;
import io.selfobs.autoconfigure.otlp.OtlpExporterTarget;
import io.selfobs.autoconfigure.otlp.OtlpProtocol;

/**
 * Builds the OpenTelemetry OTLP span exporter of a destination, for either transport, from the one shared
 * destination model, and counts what it sends.
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
		return new CountingSpanExporter(exporter(destination), destination, telemetry);
	}

	private static SpanExporter exporter(OtlpDestination destination) {
		// The exporters' own self-metrics would otherwise go to GlobalOpenTelemetry; selfobs counts instead.
		// Requests run on the batch processor's worker: no dispatcher threads of their own
		if (destination.protocol() == OtlpProtocol.GRPC) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder().setMeterProvider(MeterProvider.noop())
				.setExecutorService(OtlpExportExecutor.get());
			destination.applyTo(new OtlpExporterTarget(builder::setEndpoint, builder::addHeader,
					builder::setCompression, builder::setTimeout, builder::setSslContext));
			return builder.build();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder().setMeterProvider(MeterProvider.noop())
			.setExecutorService(OtlpExportExecutor.get());
		destination.applyTo(new OtlpExporterTarget(builder::setEndpoint, builder::addHeader, builder::setCompression,
				builder::setTimeout, builder::setSslContext));
		return builder.build();
	}

}
