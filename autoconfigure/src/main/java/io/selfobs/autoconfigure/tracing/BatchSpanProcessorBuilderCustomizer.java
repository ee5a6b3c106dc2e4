package io.selfobs.autoconfigure.tracing;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

/**
 * Callback to customize the queue of selfobs' span export pipeline (the
 * {@code BatchSpanProcessor} in front of every span exporter) after selfobs applied
 * {@code otel.traces.export.*}. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface BatchSpanProcessorBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(BatchSpanProcessorBuilder builder);

}
