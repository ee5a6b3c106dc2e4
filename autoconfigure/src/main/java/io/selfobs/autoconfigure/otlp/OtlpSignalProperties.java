package io.selfobs.autoconfigure.otlp;

import io.selfobs.autoconfigure.otlp.internal.config.OtlpPropertiesValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

/**
 * Where and how one signal is exported over OTLP. Every field left unset falls back to
 * {@code otel.exporter.otlp.*} and then to the OpenTelemetry defaults. Metrics, traces
 * and logs each bind their own subclass, so all three share these fields, their
 * validation and their resolution.
 */
public abstract class OtlpSignalProperties extends OtlpConnectionProperties implements InitializingBean {

	private final OtlpSignal signal;

	/**
	 * Whether to export; unset means "export when a destination is configured".
	 */
	private @Nullable Boolean enabled;

	/**
	 * Collector host name; use either hostname/port/scheme or endpoint.
	 */
	private @Nullable String hostname;

	/**
	 * Collector port; defaults to 4318 for http/protobuf and 4317 for grpc.
	 */
	private @Nullable Integer port;

	/**
	 * Collector URL scheme: http or https.
	 */
	private @Nullable OtlpScheme scheme;

	private final BasicAuth basicAuth = new BasicAuth();

	/**
	 * Token sent as "Authorization: Bearer ...".
	 */
	private @Nullable String bearerToken;

	private final Tls tls = new Tls();

	protected OtlpSignalProperties(OtlpSignal signal) {
		this.signal = signal;
	}

	/**
	 * The signal these settings belong to.
	 * @return the signal
	 */
	public OtlpSignal signal() {
		return this.signal;
	}

	@Override
	public void afterPropertiesSet() {
		OtlpPropertiesValidator.validateSignal(this);
	}

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getHostname() {
		return this.hostname;
	}

	public void setHostname(@Nullable String hostname) {
		this.hostname = hostname;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable OtlpScheme getScheme() {
		return this.scheme;
	}

	public void setScheme(@Nullable OtlpScheme scheme) {
		this.scheme = scheme;
	}

	public BasicAuth getBasicAuth() {
		return this.basicAuth;
	}

	public @Nullable String getBearerToken() {
		return this.bearerToken;
	}

	public void setBearerToken(@Nullable String bearerToken) {
		this.bearerToken = bearerToken;
	}

	public Tls getTls() {
		return this.tls;
	}

	/**
	 * Collector basic authentication, sent as "Authorization: Basic ...".
	 */
	public static class BasicAuth {

		/**
		 * User name.
		 */
		private @Nullable String username;

		/**
		 * Password.
		 */
		private @Nullable String password;

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * TLS trust and mutual TLS: a Spring Boot SSL bundle, or PEM files.
	 */
	public static class Tls {

		/**
		 * Name of an SSL bundle (spring.ssl.bundle.*) holding the CA(s) trusted for the
		 * collector and, for mutual TLS, the client key and certificate; use instead of
		 * the PEM file properties.
		 */
		private @Nullable String sslBundle;

		/**
		 * CA certificate(s) (PEM) trusted for the collector's server certificate.
		 */
		private @Nullable String caCertificate;

		/**
		 * Client certificate chain (PEM) for mutual TLS.
		 */
		private @Nullable String clientCertificate;

		/**
		 * Client private key (PEM, PKCS#8 or PKCS#1) for mutual TLS.
		 */
		private @Nullable String clientKey;

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public @Nullable String getCaCertificate() {
			return this.caCertificate;
		}

		public void setCaCertificate(@Nullable String caCertificate) {
			this.caCertificate = caCertificate;
		}

		public @Nullable String getClientCertificate() {
			return this.clientCertificate;
		}

		public void setClientCertificate(@Nullable String clientCertificate) {
			this.clientCertificate = clientCertificate;
		}

		public @Nullable String getClientKey() {
			return this.clientKey;
		}

		public void setClientKey(@Nullable String clientKey) {
			this.clientKey = clientKey;
		}

	}

}
