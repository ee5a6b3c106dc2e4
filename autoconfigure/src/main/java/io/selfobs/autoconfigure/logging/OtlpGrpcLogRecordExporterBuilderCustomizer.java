package io.selfobs.autoconfigure.logging;

import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;

/**
 * Callback to customize selfobs' OTLP log record exporter when it sends over gRPC, after
 * selfobs applied {@code otel.logging.*} / {@code otel.exporter.otlp.*}. Beans of this
 * type are applied in order. Spring Boot 4.0 has no such hook for log exporters; Spring
 * Boot 4.1's
 * {@code org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpGrpcLogRecordExporterBuilderCustomizer}
 * beans customize Boot's own exporter only.
 */
@FunctionalInterface
public interface OtlpGrpcLogRecordExporterBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(OtlpGrpcLogRecordExporterBuilder builder);

}
