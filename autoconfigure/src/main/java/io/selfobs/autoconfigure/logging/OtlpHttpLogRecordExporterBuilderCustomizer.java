package io.selfobs.autoconfigure.logging;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;

/**
 * Callback to customize selfobs' OTLP log record exporter when it sends over
 * http/protobuf, after selfobs applied {@code otel.logging.*} /
 * {@code otel.exporter.otlp.*}. Beans of this type are applied in order. On Spring Boot
 * 4.1, Boot's own {@code OtlpHttpLogRecordExporterBuilderCustomizer} beans are applied to
 * the same exporter after these.
 */
@FunctionalInterface
public interface OtlpHttpLogRecordExporterBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(OtlpHttpLogRecordExporterBuilder builder);

}
