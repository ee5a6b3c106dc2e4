package io.selfobs.autoconfigure.logging;

import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;

/**
 * Callback to customize selfobs' OTLP log record exporter when it sends over gRPC, after
 * selfobs applied {@code otel.logging.*} / {@code otel.exporter.otlp.*}. Beans of this
 * type are applied in order. On Spring Boot 4.1, Boot's own
 * {@code OtlpGrpcLogRecordExporterBuilderCustomizer} beans are applied to the same
 * exporter after these.
 */
@FunctionalInterface
public interface OtlpGrpcLogRecordExporterBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(OtlpGrpcLogRecordExporterBuilder builder);

}
