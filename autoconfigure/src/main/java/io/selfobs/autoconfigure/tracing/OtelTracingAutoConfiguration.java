package io.selfobs.autoconfigure.tracing;

import java.time.Duration;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.selfobs.autoconfigure.otlp.ConditionalOnOtlpExport;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.internal.OtlpExportShutdown;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.tracing.internal.BatchSpanProcessors;
import io.selfobs.autoconfigure.tracing.internal.CountingSpanExporter;
import io.selfobs.autoconfigure.tracing.internal.EcsLogCorrelationListener;
import io.selfobs.autoconfigure.tracing.internal.OtlpSpanExporters;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing through Spring Boot's OpenTelemetry SDK, configured by {@code otel.traces.*}: the OpenTelemetry
 * default sampler, OTLP span export over http/protobuf or gRPC with counted outcomes, a bounded export queue whose
 * overflow is counted, redaction before export, a bounded flush at shutdown, and ECS log correlation. Turning export
 * off only stops export: spans, propagation and trace ids in logs keep working.
 */
@AutoConfiguration(after = { OtlpAutoConfiguration.class, RedactionAutoConfiguration.class }, beforeName = {
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration" })
@ConditionalOnClass({ OtelTracer.class, SdkTracerProvider.class, OpenTelemetry.class })
@EnableConfigurationProperties({ OtelTracesProperties.class, TraceSamplerProperties.class })
public final class OtelTracingAutoConfiguration {

	/**
	 * The OpenTelemetry default for OTEL_BSP_EXPORT_TIMEOUT, used when selfobs does not export itself.
	 */
	private static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);

	private static final String OPEN_TELEMETRY_ENABLED = "management.opentelemetry.enabled";

	OtelTracingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	Sampler otelSampler(OtelTracesProperties properties, TraceSamplerProperties samplerProperties) {
		return TraceSamplers.create(properties.getSampler(), samplerProperties.getArg());
	}

	/**
	 * Like Spring Boot 4.1's own span processor, none when {@code management.opentelemetry.enabled} is
	 * {@code false} (which Boot 4.1 sets for {@code OTEL_SDK_DISABLED=true}): Boot then builds no tracer provider
	 * and no span exporters.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = OPEN_TELEMETRY_ENABLED, matchIfMissing = true)
	BatchSpanProcessor otelSpanProcessor(OtelTracesProperties properties, SpanExporters spanExporters,
			ObjectProvider<SpanExportingPredicate> predicates, ObjectProvider<SpanReporter> reporters,
			ObjectProvider<SpanFilter> filters, ObjectProvider<Redactor> redactor,
			ObjectProvider<CountingSpanExporter> otlpExporter, ObjectProvider<OtlpExportTelemetry> telemetry) {
		SpanExporter exporters = SpanExportChain.of(spanExporters.list(), predicates.orderedStream().toList(),
				reporters.orderedStream().toList(), filters.orderedStream().toList());
		// Without the redaction auto-configuration the default rules still apply
		SpanExporter exporter = new RedactingSpanExporter(exporters,
				redactor.getIfAvailable(() -> Redactor.builder().build()));
		OtlpDestination destination = otlpExporter.stream().map(CountingSpanExporter::getDestination).findFirst()
			.orElse(null);
		String transport = (destination != null) ? destination.transport() : "none";
		Duration exportTimeout = (destination != null) ? destination.timeout() : DEFAULT_EXPORT_TIMEOUT;
		return BatchSpanProcessors.create(exporter, properties.getExport(), exportTimeout, (dropped) -> telemetry
			.ifAvailable((meters) -> meters.dropped(OtlpSignal.TRACES, transport, "queue_full", dropped)));
	}

	/**
	 * Flushes the queued spans at shutdown within the shared budget ({@code otel.exporter.otlp.shutdown-timeout}).
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = OPEN_TELEMETRY_ENABLED, matchIfMissing = true)
	OtlpExportShutdown.Task otlpSpansShutdownTask(BatchSpanProcessor otelSpanProcessor,
			OtelTracesProperties properties) {
		return new OtlpExportShutdown.Task("spans", properties.getExport().getShutdownTimeout(),
				"otel.traces.export.shutdown-timeout", otelSpanProcessor::shutdown);
	}

	@Bean
	@ConditionalOnMissingBean
	EcsLogCorrelationListener ecsLogCorrelationListener() {
		return new EcsLogCorrelationListener();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OtlpHttpSpanExporter.class)
	@ConditionalOnOtlpExport(OtlpSignal.TRACES)
	static class OtlpExportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CountingSpanExporter otlpSpanExporter(OtelTracesProperties properties, OtlpDestinationResolver resolver,
				OtlpExportTelemetry telemetry) {
			return OtlpSpanExporters.create(resolver.resolve(properties).orElseThrow(), telemetry);
		}

	}

}
