package io.selfobs.autoconfigure.logging;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.logging.internal.console.ConsoleDrops;
import io.selfobs.autoconfigure.logging.internal.otlp.OtlpLogAppender;
import io.selfobs.autoconfigure.logging.internal.otlp.RedactingLogRecordExporter;
import io.selfobs.autoconfigure.logging.internal.request.RequestEventFilter;
import io.selfobs.autoconfigure.logging.internal.request.RequestIdentity;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.destination.ConditionalOnOtlpExport;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.internal.ExportPipelineContext;
import io.selfobs.autoconfigure.otlp.internal.ExportQueue;
import io.selfobs.autoconfigure.otlp.internal.OtlpExportShutdown;
import io.selfobs.autoconfigure.otlp.internal.OtlpExporters;
import io.selfobs.autoconfigure.otlp.internal.SpringBootBuilderCustomizers;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logging: the {@link Redactor} on every log sink, one event per HTTP request plus an
 * error event for unhandled exceptions, and OTLP log export through Spring Boot's
 * OpenTelemetry SDK. The console format itself is set before any bean exists, by a
 * listener that runs right after Spring Boot configures logback.
 * <p>
 * Log records leave through the same pipeline as spans: a bounded queue whose overflow is
 * counted, then the {@link Redactor}, then every {@link LogRecordExporter} bean (selfobs'
 * OTLP exporter, which counts its outcomes, and any the application adds), then a bounded
 * flush at shutdown. The queue can be tuned with
 * {@link BatchLogRecordProcessorBuilderCustomizer} beans, selfobs' OTLP exporter with
 * {@link OtlpHttpLogRecordExporterBuilderCustomizer} /
 * {@link OtlpGrpcLogRecordExporterBuilderCustomizer} beans.
 */
@AutoConfiguration(after = { OtlpAutoConfiguration.class, RedactionAutoConfiguration.class },
		beforeName = "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration")
@EnableConfigurationProperties(OtelLoggingProperties.class)
public final class OtelLoggingAutoConfiguration {

	/**
	 * Order of the request event filter: just inside Spring Boot's observation filter
	 * ({@code HIGHEST_PRECEDENCE + 1}) so the request's span is current, and outside
	 * security and application filters so their responses are recorded too.
	 */
	public static final int REQUEST_EVENT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private OtelLoggingAutoConfiguration() {
	}

	@Bean
	static LogbackRedactorRegistration selfobsLogbackRedactorRegistration(ObjectProvider<Redactor> redactor) {
		return new LogbackRedactorRegistration(redactor);
	}

	/**
	 * The context's redactor; without one (redaction auto-configuration excluded) the
	 * default rules still apply.
	 */
	private static Redactor redactor(ObjectProvider<Redactor> redactor) {
		return redactor.getIfAvailable(LogbackRedactorHolder::defaults);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ConsoleMetricsConfiguration {

		/**
		 * {@code selfobs.log.dropped{reason}} ({@code selfobs_log_dropped_total} in
		 * Prometheus): console lines lost, counted since the process started; a reason's
		 * series appears with its first drop.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "selfobsConsoleDropMetrics")
		MeterBinder selfobsConsoleDropMetrics() {
			return (registry) -> ConsoleDrops.get()
				.whenDropped((reason) -> FunctionCounter
					.builder("selfobs.log.dropped", ConsoleDrops.get(), (drops) -> drops.count(reason))
					.tag("reason", reason.tag())
					.description("Console log lines dropped: stdout did not keep up (queue_full), was stalled at "
							+ "shutdown (shutdown), or the encoder failed (encoding_failed)")
					.register(registry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(OncePerRequestFilter.class)
	@ConditionalOnBooleanProperty(name = "otel.logging.request-events.enabled", matchIfMissing = true)
	static class RequestEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "selfobsRequestEventFilter")
		FilterRegistrationBean<RequestEventFilter> selfobsRequestEventFilter(OtelLoggingProperties properties,
				Environment environment, ObjectProvider<Redactor> redactor) {
			OtelLoggingProperties.RequestEvents events = properties.getRequestEvents();
			List<String> excluded = new ArrayList<>(events.getExcludePaths());
			excluded.add(environment.getProperty("otel.metrics.prometheus.path", "/metrics"));
			RequestIdentity identity = new RequestIdentity(events.getUserIdAttribute(), events.getUserIdHeader(),
					events.getOrganizationIdAttribute(), events.getOrganizationIdHeader());
			FilterRegistrationBean<RequestEventFilter> registration = new FilterRegistrationBean<>(
					new RequestEventFilter(excluded, events.getIncludePaths(), identity, redactor(redactor)));
			registration.setName("selfobsRequestEventFilter");
			registration.setOrder(REQUEST_EVENT_FILTER_ORDER);
			return registration;
		}

	}

	/**
	 * The log record pipeline, the same as the span one: bounded queue (drops counted) →
	 * redaction → every {@link LogRecordExporter} bean, selfobs' OTLP exporter among
	 * them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SdkLoggerProvider.class)
	@ConditionalOnBooleanProperty(name = "management.opentelemetry.enabled", matchIfMissing = true)
	static class LogRecordPipelineConfiguration {

		@Bean
		@ConditionalOnClass(name = { "io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter",
				"ch.qos.logback.classic.LoggerContext" })
		@ConditionalOnOtlpExport(OtlpSignal.LOGS)
		@ConditionalOnMissingBean(name = "selfobsOtlpLogRecordExporter")
		LogRecordExporter selfobsOtlpLogRecordExporter(OtelLoggingProperties properties,
				OtlpDestinationResolver resolver, ObjectProvider<OtlpExportTelemetry> telemetry,
				ObjectProvider<OtlpHttpLogRecordExporterBuilderCustomizer> httpCustomizers,
				ObjectProvider<OtlpGrpcLogRecordExporterBuilderCustomizer> grpcCustomizers) {
			List<OtlpHttpLogRecordExporterBuilderCustomizer> http = httpCustomizers.orderedStream().toList();
			List<OtlpGrpcLogRecordExporterBuilderCustomizer> grpc = grpcCustomizers.orderedStream().toList();
			return OtlpExporters.logRecordExporter(resolver.resolve(properties).orElseThrow(),
					telemetry.getIfAvailable(),
					new OtlpExporters.BuilderCustomizers<>((builder) -> http.forEach((c) -> c.customize(builder)),
							(builder) -> grpc.forEach((c) -> c.customize(builder))));
		}

		/**
		 * Spring Boot's {@code openTelemetryBatchLogRecordProcessor} backs off for it, so
		 * every log record exporter, whichever auto-configuration or application declares
		 * it, gets redacted records.
		 */
		@Bean
		@ConditionalOnMissingBean(BatchLogRecordProcessor.class)
		BatchLogRecordProcessor selfobsLogRecordProcessor(OtelLoggingProperties properties,
				ObjectProvider<LogRecordExporter> exporters, ExportPipelineContext context,
				ObjectProvider<BatchLogRecordProcessorBuilderCustomizer> customizers) {
			List<LogRecordExporter> all = exporters.orderedStream().toList();
			BatchLogRecordProcessorBuilder builder = BatchLogRecordProcessor
				.builder(new RedactingLogRecordExporter(LogRecordExporter.composite(all), context.redactor()));
			context.configureQueue(
					new ExportQueue(builder::setMaxQueueSize, builder::setMaxExportBatchSize, builder::setScheduleDelay,
							builder::setExporterTimeout, builder::setMeterProvider),
					properties.getExport(), OtlpSignal.LOGS, all);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		/**
		 * Flushes the queued log records at shutdown within the shared budget
		 * ({@code otel.exporter.otlp.shutdown-timeout}).
		 */
		@Bean
		OtlpExportShutdown.Task otlpLogsShutdownTask(ObjectProvider<BatchLogRecordProcessor> logRecordProcessor,
				OtelLoggingProperties properties) {
			return new OtlpExportShutdown.Task("logs", properties.getExport().getShutdownTimeout(),
					"otel.logging.export.shutdown-timeout", () -> {
						BatchLogRecordProcessor processor = logRecordProcessor.getIfUnique();
						return (processor != null) ? processor.shutdown() : CompletableResultCode.ofSuccess();
					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(value = { SdkLoggerProvider.class, OtlpHttpLogRecordExporter.class },
			name = "ch.qos.logback.classic.LoggerContext")
	@ConditionalOnOtlpExport(OtlpSignal.LOGS)
	static class OtlpExportConfiguration {

		@Bean
		static OpenTelemetryAppenderInstallation selfobsOpenTelemetryAppenderInstallation(
				ObjectProvider<OpenTelemetry> openTelemetry) {
			return new OpenTelemetryAppenderInstallation(openTelemetry);
		}

	}

	/**
	 * Makes the context's {@link Redactor} the one logback components use while the
	 * context lives; lines logged after it closes get the default rules again.
	 */
	static final class LogbackRedactorRegistration implements InitializingBean, DisposableBean {

		private final ObjectProvider<Redactor> redactor;

		LogbackRedactorRegistration(ObjectProvider<Redactor> redactor) {
			this.redactor = redactor;
		}

		@Override
		public void afterPropertiesSet() {
			LogbackRedactorHolder.set(redactor(this.redactor));
		}

		@Override
		public void destroy() {
			LogbackRedactorHolder.set(LogbackRedactorHolder.defaults());
		}

	}

	/**
	 * Hands the SDK to selfobs' logback appender once every singleton exists; records
	 * kept since startup are exported then.
	 */
	static final class OpenTelemetryAppenderInstallation implements SmartInitializingSingleton {

		private static final Log logger = LogFactory.getLog(OpenTelemetryAppenderInstallation.class);

		private final ObjectProvider<OpenTelemetry> openTelemetry;

		OpenTelemetryAppenderInstallation(ObjectProvider<OpenTelemetry> openTelemetry) {
			this.openTelemetry = openTelemetry;
		}

		@Override
		public void afterSingletonsInstantiated() {
			OpenTelemetry sdk = this.openTelemetry.getIfAvailable();
			if (sdk == null) {
				logger.warn("OTLP log export is on but there is no OpenTelemetry bean; add "
						+ "org.springframework.boot:spring-boot-opentelemetry (the selfobs starter brings it)");
				return;
			}
			if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
				// the SDK's provider itself, so request events can reach its processors
				// without the Logs API's per-record attribute map
				OtlpLogAppender.install(context, (sdk instanceof OpenTelemetrySdk openTelemetrySdk)
						? openTelemetrySdk.getSdkLoggerProvider() : sdk.getLogsBridge());
			}
		}

	}

	/**
	 * Spring Boot 4.1's own OTLP log exporter customizers, applied to selfobs' exporter
	 * as to Boot's (Spring Boot 4.0 has none).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter",
			SpringBootLogRecordExporterCustomizers.HTTP, SpringBootLogRecordExporterCustomizers.GRPC })
	static class SpringBootLogRecordExporterCustomizers {

		static final String HTTP = "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpHttpLogRecordExporterBuilderCustomizer";

		static final String GRPC = "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpGrpcLogRecordExporterBuilderCustomizer";

		@Bean
		OtlpHttpLogRecordExporterBuilderCustomizer springBootOtlpHttpLogRecordExporterBuilderCustomizers(
				BeanFactory beanFactory) {
			return SpringBootBuilderCustomizers.applying(beanFactory, HTTP,
					OtlpHttpLogRecordExporterBuilder.class)::accept;
		}

		@Bean
		OtlpGrpcLogRecordExporterBuilderCustomizer springBootOtlpGrpcLogRecordExporterBuilderCustomizers(
				BeanFactory beanFactory) {
			return SpringBootBuilderCustomizers.applying(beanFactory, GRPC,
					OtlpGrpcLogRecordExporterBuilder.class)::accept;
		}

	}

}
