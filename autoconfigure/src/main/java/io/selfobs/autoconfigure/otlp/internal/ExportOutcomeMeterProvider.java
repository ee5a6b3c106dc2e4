package io.selfobs.autoconfigure.otlp.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportResults;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;

/**
 * Learns the outcome of every batch an OpenTelemetry OTLP exporter sends from its
 * self-metrics, in the semantic-convention form
 * ({@code InternalTelemetryVersion.LATEST}): the exporter adds the batch's item count to
 * {@code otel.sdk.exporter.<signal>.exported} once per finished batch, with
 * {@code error.type} set to the HTTP status, the gRPC status code or the exception's
 * class name when it failed. That is public, documented behaviour on every SDK line
 * selfobs supports, unlike the exporter's internal exception types. Internal, not API.
 */
final class ExportOutcomeMeterProvider {

	static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private ExportOutcomeMeterProvider() {
	}

	static MeterProvider create(OtlpDestination destination, OtlpExportTelemetry telemetry) {
		return new CounterListeningMeterProvider(ExportOutcomeMeterProvider::isExportedCounter,
				(items, attributes) -> batchFinished(destination, telemetry, items, attributes.get(ERROR_TYPE)));
	}

	static boolean isExportedCounter(String name) {
		return name.startsWith("otel.sdk.exporter.") && name.endsWith(".exported");
	}

	private static void batchFinished(OtlpDestination destination, OtlpExportTelemetry telemetry, long items,
			String errorType) {
		if (errorType == null || errorType.isEmpty()) {
			telemetry.exported(destination.signal(), destination.transport(), (int) items);
			return;
		}
		String reason = OtlpExportResults.reasonOfErrorType(errorType, destination.protocol());
		telemetry.failed(destination, reason, (int) items, OtlpExportResults.describeErrorType(errorType, reason));
	}

}
