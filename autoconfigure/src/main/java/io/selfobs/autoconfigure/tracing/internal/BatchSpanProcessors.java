package io.selfobs.autoconfigure.tracing.internal;

import java.time.Duration;
import java.util.function.LongConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.otlp.OtlpBatchSettings;
import io.selfobs.autoconfigure.otlp.internal.CounterListeningMeterProvider;

/**
 * Builds the SDK's batch span processor with the selfobs queue settings and queue-overflow accounting.
 * Internal, not API.
 */
public final class BatchSpanProcessors {

	// The processor counts every span on this counter, with dropped=true for those its full queue refused
	private static final String PROCESSED_SPANS = "processedSpans";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private BatchSpanProcessors() {
	}

	/**
	 * Build the processor.
	 * @param exporter where batches go
	 * @param export the queue settings
	 * @param exportTimeout how long the worker waits for one batch to be exported
	 * @param onQueueFull called with the number of spans dropped because the queue was full
	 * @return the processor
	 */
	public static BatchSpanProcessor create(SpanExporter exporter, OtlpBatchSettings export,
			Duration exportTimeout, LongConsumer onQueueFull) {
		return BatchSpanProcessor.builder(exporter)
			.setMaxQueueSize(export.getMaxQueueSize())
			.setMaxExportBatchSize(export.getMaxBatchSize())
			.setScheduleDelay(export.getScheduleDelay())
			.setExporterTimeout(exportTimeout)
			.setMeterProvider(new CounterListeningMeterProvider(PROCESSED_SPANS::equals, (spans, attributes) -> {
				if (Boolean.TRUE.equals(attributes.get(DROPPED))) {
					onQueueFull.accept(spans);
				}
			}))
			.build();
	}

}
