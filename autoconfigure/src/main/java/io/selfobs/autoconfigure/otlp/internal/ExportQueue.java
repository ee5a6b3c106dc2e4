package io.selfobs.autoconfigure.otlp.internal;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.selfobs.autoconfigure.otlp.OtlpBatchSettings;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import org.jspecify.annotations.Nullable;

/**
 * The bounded queue in front of a signal's exporters, the same for spans and log records:
 * the OpenTelemetry SDK's batch processor (its worker is the only thread that exports)
 * configured from {@link OtlpBatchSettings}, with every item its full queue refuses
 * counted as {@code selfobs.export.dropped{reason="queue_full"}}. The drops are learnt
 * from the processor's own self-metrics: it adds each item it handles to
 * {@code processedSpans} / {@code processedLogs}, with {@code dropped=true} for those its
 * full queue refused. Internal, not API.
 *
 * @param maxQueueSize sets the queue's capacity
 * @param maxBatchSize sets the largest batch
 * @param scheduleDelay sets the longest wait before a partial batch is sent
 * @param exporterTimeout sets how long the worker waits for one batch
 * @param meterProvider sets where the processor reports what it processed
 */
public record ExportQueue(IntConsumer maxQueueSize, IntConsumer maxBatchSize, Consumer<Duration> scheduleDelay,
		Consumer<Duration> exporterTimeout, Consumer<MeterProvider> meterProvider) {

	/**
	 * The OpenTelemetry default for {@code OTEL_BSP_EXPORT_TIMEOUT} and
	 * {@code OTEL_BLRP_EXPORT_TIMEOUT}: how long the worker waits for a batch when no
	 * selfobs OTLP exporter bounds the time itself.
	 */
	public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	/**
	 * Configure the processor builder behind these setters.
	 * @param settings the queue settings of the signal
	 * @param exportTimeout how long the worker waits for one batch
	 * @param signal the signal, for the drop counter
	 * @param transport the transport of the signal's OTLP exporter ({@code none} without
	 * one)
	 * @param telemetry where drops are counted, null when they are not counted
	 */
	public void configure(OtlpBatchSettings settings, Duration exportTimeout, OtlpSignal signal, String transport,
			@Nullable OtlpExportTelemetry telemetry) {
		this.maxQueueSize.accept(settings.getMaxQueueSize());
		this.maxBatchSize.accept(settings.getMaxBatchSize());
		this.scheduleDelay.accept(settings.getScheduleDelay());
		this.exporterTimeout.accept(exportTimeout);
		if (telemetry != null) {
			String counter = (signal == OtlpSignal.TRACES) ? "processedSpans" : "processedLogs";
			LongConsumer queueFull = telemetry.drops(signal, transport, "queue_full");
			this.meterProvider.accept(new CounterListeningMeterProvider(counter::equals, (items, attributes) -> {
				if (Boolean.TRUE.equals(attributes.get(DROPPED))) {
					queueFull.accept(items);
				}
			}));
		}
	}

}
