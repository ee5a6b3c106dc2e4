package io.selfobs.autoconfigure.tracing;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.propagation.Propagator;
import io.selfobs.autoconfigure.health.ProbePaths;
import io.selfobs.autoconfigure.tracing.internal.ExcludedPathsObservationPredicate;
import io.selfobs.autoconfigure.tracing.internal.HttpClientSpanHandler;
import io.selfobs.autoconfigure.tracing.internal.HttpServerSpanHandler;
import io.selfobs.autoconfigure.tracing.internal.SpringSecurityObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Span hygiene for Spring's observations: probe and scrape requests are not traced, HTTP
 * spans are named by route template with OpenTelemetry semantic-convention attributes,
 * and Spring Security's per-request observations are off unless
 * {@code otel.traces.spring-security.enabled} is true.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		before = MicrometerTracingAutoConfiguration.class)
@ConditionalOnClass({ Tracer.class, OtelSpan.class })
@ConditionalOnBean(Tracer.class)
@EnableConfigurationProperties(OtelTracesProperties.class)
public final class OtelTracingObservationAutoConfiguration {

	OtelTracingObservationAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ServerRequestObservationContext.class, HttpServletRequest.class })
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(PropagatingReceiverTracingObservationHandler.class)
		@ConditionalOnBean(Propagator.class)
		@Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER)
		HttpServerSpanHandler httpServerSpanHandler(Tracer tracer, Propagator propagator) {
			return new HttpServerSpanHandler(tracer, propagator);
		}

		@Bean
		@ConditionalOnMissingBean
		ExcludedPathsObservationPredicate excludedPathsObservationPredicate(OtelTracesProperties properties,
				Environment environment, ObjectProvider<ProbePaths> probePaths) {
			List<String> alwaysExcluded = new ArrayList<>();
			alwaysExcluded.add(environment.getProperty("otel.metrics.prometheus.path", "/metrics"));
			probePaths.ifAvailable((probes) -> alwaysExcluded.addAll(probes.paths()));
			return new ExcludedPathsObservationPredicate(properties.getExcludedPaths(), alwaysExcluded);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientRequestObservationContext.class)
	static class HttpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(PropagatingSenderTracingObservationHandler.class)
		@ConditionalOnBean(Propagator.class)
		@Order(MicrometerTracingAutoConfiguration.SENDER_TRACING_OBSERVATION_HANDLER_ORDER)
		HttpClientSpanHandler httpClientSpanHandler(Tracer tracer, Propagator propagator) {
			return new HttpClientSpanHandler(tracer, propagator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.Authentication")
	@ConditionalOnProperty(name = "otel.traces.spring-security.enabled", havingValue = "false", matchIfMissing = true)
	static class SpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringSecurityObservationPredicate springSecurityObservationPredicate() {
			return new SpringSecurityObservationPredicate();
		}

	}

}
