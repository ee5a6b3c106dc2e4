package io.selfobs.autoconfigure.logging;

import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;

/**
 * Callback to customize the queue of selfobs' log export pipeline (the
 * {@code BatchLogRecordProcessor} in front of every log record exporter) after selfobs
 * applied {@code otel.logging.export.*}. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface BatchLogRecordProcessorBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(BatchLogRecordProcessorBuilder builder);

}
