package io.selfobs.autoconfigure.otlp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.selfobs.autoconfigure.otlp.internal.config.OtlpPropertiesValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by every signal: the master switch, the service identity, resource
 * attributes and the OTLP exporter defaults that {@code OTEL_EXPORTER_OTLP_*} variables
 * bind to.
 */
@ConfigurationProperties("otel")
public class OtelProperties implements InitializingBean {

	/**
	 * Master switch: false (or OTEL_SDK_DISABLED=true) turns every export off.
	 */
	private boolean enabled = true;

	private final Service service = new Service();

	/**
	 * Extra resource attributes, merged with OTEL_RESOURCE_ATTRIBUTES, sent with every
	 * signal.
	 */
	private Map<String, String> resourceAttributes = new LinkedHashMap<>();

	private final Exporter exporter = new Exporter();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Service getService() {
		return this.service;
	}

	public Map<String, String> getResourceAttributes() {
		return this.resourceAttributes;
	}

	public void setResourceAttributes(Map<String, String> resourceAttributes) {
		this.resourceAttributes = resourceAttributes;
	}

	public Exporter getExporter() {
		return this.exporter;
	}

	@Override
	public void afterPropertiesSet() {
		OtlpPropertiesValidator.validateConnection("otel.exporter.otlp", this.exporter.getOtlp());
		Duration shutdownTimeout = this.exporter.getOtlp().getShutdownTimeout();
		if (shutdownTimeout == null || shutdownTimeout.isZero() || shutdownTimeout.isNegative()) {
			throw new InvalidOtelPropertyException("otel.exporter.otlp.shutdown-timeout",
					String.valueOf(shutdownTimeout), "the duration must be positive",
					"use a positive duration well inside the platform's grace period, such as 10s");
		}
	}

	/**
	 * Identity of the service on every signal.
	 */
	public static class Service {

		/**
		 * Service name; defaults to spring.application.name.
		 */
		private @Nullable String name;

		/**
		 * Service version; defaults to the build-info version when present.
		 */
		private @Nullable String version;

		/**
		 * Deployment environment (deployment.environment.name), e.g. production.
		 */
		private @Nullable String environment;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable String version) {
			this.version = version;
		}

		public @Nullable String getEnvironment() {
			return this.environment;
		}

		public void setEnvironment(@Nullable String environment) {
			this.environment = environment;
		}

	}

	public static class Exporter {

		private final Defaults otlp = new Defaults();

		public Defaults getOtlp() {
			return this.otlp;
		}

	}

	/**
	 * OTLP settings every signal inherits unless it sets its own.
	 */
	public static class Defaults extends OtlpConnectionProperties {

		/**
		 * Longest time the application's shutdown waits for telemetry export, all signals
		 * together, whatever the collector does; then requests in flight are cancelled
		 * and what is still queued is dropped and counted.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

}
