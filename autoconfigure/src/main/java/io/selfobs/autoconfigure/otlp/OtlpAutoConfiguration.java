package io.selfobs.autoconfigure.otlp;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.internal.ExportPipelineContext;
import io.selfobs.autoconfigure.otlp.internal.OtelValueConverter;
import io.selfobs.autoconfigure.otlp.internal.OtlpExportShutdown;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.Redactor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The pieces every OTLP signal shares: {@code otel.*} settings, the destination resolver,
 * the resource and the exporters' self-telemetry.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@EnableConfigurationProperties(OtelProperties.class)
public final class OtlpAutoConfiguration {

	OtlpAutoConfiguration() {
	}

	/**
	 * Binds the closed sets of {@code otel.*} values from their OpenTelemetry spelling,
	 * and reports an unknown value with the choices in that spelling.
	 * @return the converter
	 */
	@Bean
	@ConfigurationPropertiesBinding
	static OtelValueConverter otelValueConverter() {
		return new OtelValueConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	OtlpDestinationResolver otlpDestinationResolver(OtelProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return new OtlpDestinationResolver(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	OtelResourceAttributes otelResourceAttributes(OtelProperties properties, Environment environment,
			ObjectProvider<BuildProperties> buildProperties) {
		BuildProperties build = buildProperties.getIfAvailable();
		return new OtelResourceAttributes(properties, environment.getProperty("spring.application.name"),
				(build != null) ? build.getVersion() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(MeterRegistry.class)
	OtlpExportTelemetry otlpExportTelemetry(ObjectProvider<MeterRegistry> meterRegistry) {
		return new OtlpExportTelemetry(meterRegistry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CompletableResultCode.class)
	static class ExportPipelineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExportPipelineContext selfobsExportPipelineContext(ObjectProvider<Redactor> redactor,
				ObjectProvider<OtlpExportTelemetry> telemetry) {
			return new ExportPipelineContext(redactor, telemetry);
		}

		@Bean
		@ConditionalOnMissingBean
		OtlpExportShutdown otlpExportShutdown(OtelProperties properties, ObjectProvider<OtlpExportTelemetry> telemetry,
				ObjectProvider<OtlpExportShutdown.Task> tasks) {
			return new OtlpExportShutdown(properties.getExporter().getOtlp().getShutdownTimeout(),
					telemetry.getIfAvailable(), () -> tasks.orderedStream().toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Resource.class)
	static class OpenTelemetryResourceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Resource openTelemetryResource(OtelResourceAttributes attributes) {
			ResourceBuilder builder = Resource.builder();
			attributes.asMap().forEach(builder::put);
			return Resource.getDefault().merge(builder.build());
		}

	}

}
