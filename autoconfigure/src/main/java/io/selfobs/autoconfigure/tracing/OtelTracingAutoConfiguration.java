package io.selfobs.autoconfigure.tracing;

import java.util.List;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.destination.ConditionalOnOtlpExport;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.internal.ExportPipelineContext;
import io.selfobs.autoconfigure.otlp.internal.ExportQueue;
import io.selfobs.autoconfigure.otlp.internal.OtlpExportShutdown;
import io.selfobs.autoconfigure.otlp.internal.OtlpExporters;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.tracing.internal.EcsLogCorrelationListener;
import io.selfobs.autoconfigure.tracing.internal.RedactingSpanExporter;
import io.selfobs.autoconfigure.tracing.internal.SpanExportChain;
import io.selfobs.autoconfigure.tracing.internal.TraceSamplers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing through Spring Boot's OpenTelemetry SDK, configured by {@code otel.traces.*}:
 * the OpenTelemetry default sampler, OTLP span export over http/protobuf or gRPC with
 * counted outcomes, and ECS log correlation.
 * <p>
 * Spans leave through the same pipeline as log records: a bounded queue whose overflow is
 * counted, then the {@link Redactor}, then every {@link SpanExporter} bean of the context
 * (selfobs' OTLP exporter, which counts its outcomes, and any the application or Spring
 * Boot adds), then a bounded flush at shutdown. The pipeline is a
 * {@link BatchSpanProcessor} bean, for which Spring Boot's own {@code otelSpanProcessor}
 * backs off, so every span exporter, whichever auto-configuration or application declares
 * it, gets redacted spans. The queue can be tuned with
 * {@link BatchSpanProcessorBuilderCustomizer} beans, selfobs' OTLP exporter with Spring
 * Boot's {@link OtlpHttpSpanExporterBuilderCustomizer} /
 * {@link OtlpGrpcSpanExporterBuilderCustomizer} beans. Turning export off only stops
 * export: spans, propagation and trace ids in logs keep working.
 */
@AutoConfiguration(after = { OtlpAutoConfiguration.class, RedactionAutoConfiguration.class }, beforeName = {
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration" })
@ConditionalOnClass({ OtelTracer.class, SdkTracerProvider.class, OpenTelemetry.class })
@EnableConfigurationProperties({ OtelTracesProperties.class, TraceSamplerProperties.class })
public final class OtelTracingAutoConfiguration {

	private static final String OPEN_TELEMETRY_ENABLED = "management.opentelemetry.enabled";

	OtelTracingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	Sampler otelSampler(OtelTracesProperties properties, TraceSamplerProperties samplerProperties) {
		return TraceSamplers.create(properties.getSampler(), samplerProperties.getArg());
	}

	/**
	 * Flushes the queued spans at shutdown within the shared budget
	 * ({@code otel.exporter.otlp.shutdown-timeout}). Like Spring Boot 4.1's own span
	 * processor, none when {@code management.opentelemetry.enabled} is {@code false}
	 * (which Boot 4.1 sets for {@code OTEL_SDK_DISABLED=true}).
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = OPEN_TELEMETRY_ENABLED, matchIfMissing = true)
	OtlpExportShutdown.Task otlpSpansShutdownTask(ObjectProvider<BatchSpanProcessor> spanProcessor,
			OtelTracesProperties properties) {
		return new OtlpExportShutdown.Task("spans", properties.getExport().getShutdownTimeout(),
				"otel.traces.export.shutdown-timeout", () -> {
					BatchSpanProcessor processor = spanProcessor.getIfUnique();
					return (processor != null) ? processor.shutdown() : CompletableResultCode.ofSuccess();
				});
	}

	@Bean
	@ConditionalOnMissingBean
	EcsLogCorrelationListener ecsLogCorrelationListener() {
		return new EcsLogCorrelationListener();
	}

	/**
	 * The span pipeline and selfobs' OTLP exporter.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = OPEN_TELEMETRY_ENABLED, matchIfMissing = true)
	static class SpanPipelineConfiguration {

		@Bean
		@ConditionalOnClass(name = "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter")
		@ConditionalOnOtlpExport(OtlpSignal.TRACES)
		@ConditionalOnMissingBean
		OtlpExporters.OtlpSpanExporter otlpSpanExporter(OtelTracesProperties properties,
				OtlpDestinationResolver resolver, OtlpExportTelemetry telemetry,
				ObjectProvider<OtlpHttpSpanExporterBuilderCustomizer> httpCustomizers,
				ObjectProvider<OtlpGrpcSpanExporterBuilderCustomizer> grpcCustomizers) {
			List<OtlpHttpSpanExporterBuilderCustomizer> http = httpCustomizers.orderedStream().toList();
			List<OtlpGrpcSpanExporterBuilderCustomizer> grpc = grpcCustomizers.orderedStream().toList();
			return OtlpExporters.spanExporter(resolver.resolve(properties).orElseThrow(), telemetry,
					new OtlpExporters.BuilderCustomizers<>((builder) -> http.forEach((c) -> c.customize(builder)),
							(builder) -> grpc.forEach((c) -> c.customize(builder))));
		}

		/**
		 * The span pipeline: bounded queue (drops counted) → redaction → every span
		 * exporter bean, behind Micrometer Tracing's exporting predicates, reporters and
		 * filters as Spring Boot applies them.
		 */
		@Bean
		@ConditionalOnMissingBean(BatchSpanProcessor.class)
		BatchSpanProcessor selfobsSpanProcessor(OtelTracesProperties properties, SpanExporters spanExporters,
				ObjectProvider<SpanExportingPredicate> predicates, ObjectProvider<SpanReporter> reporters,
				ObjectProvider<SpanFilter> filters, ExportPipelineContext context,
				ObjectProvider<BatchSpanProcessorBuilderCustomizer> customizers) {
			SpanExporter exporters = SpanExportChain.of(spanExporters.list(), predicates.orderedStream().toList(),
					reporters.orderedStream().toList(), filters.orderedStream().toList());
			BatchSpanProcessorBuilder builder = BatchSpanProcessor
				.builder(new RedactingSpanExporter(exporters, context.redactor()));
			context.configureQueue(
					new ExportQueue(builder::setMaxQueueSize, builder::setMaxExportBatchSize, builder::setScheduleDelay,
							builder::setExporterTimeout, builder::setMeterProvider),
					properties.getExport(), OtlpSignal.TRACES, spanExporters.list());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

	}

}
