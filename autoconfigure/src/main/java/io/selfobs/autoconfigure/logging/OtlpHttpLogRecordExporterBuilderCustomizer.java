package io.selfobs.autoconfigure.logging;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;

/**
 * Callback to customize selfobs' OTLP log record exporter when it sends over
 * http/protobuf, after selfobs applied {@code otel.logging.*} /
 * {@code otel.exporter.otlp.*}. Beans of this type are applied in order. Spring Boot 4.0
 * has no such hook for log exporters; Spring Boot 4.1's
 * {@code org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpHttpLogRecordExporterBuilderCustomizer}
 * beans customize Boot's own exporter only.
 */
@FunctionalInterface
public interface OtlpHttpLogRecordExporterBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(OtlpHttpLogRecordExporterBuilder builder);

}
