package io.selfobs.sample.pki.est;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the EST server, under {@code pki.est.*}.
 */
@ConfigurationProperties("pki.est")
public class EstProperties {

	/**
	 * HTTPS port of the EST server (RFC 7030 requires TLS). 0 picks a free port.
	 */
	private int port = 8443;

	/**
	 * DMS used by the unlabelled /.well-known/est paths.
	 */
	private String defaultDms = "demo";

	/**
	 * SSL bundle for the EST connector. When unset, a local TLS CA and server certificate
	 * are generated under the data directory on first start and reused afterwards.
	 */
	private @Nullable String sslBundle;

	/**
	 * Host names and IP addresses the generated TLS server certificate is valid for.
	 */
	private List<String> serverNames = List.of("localhost", "127.0.0.1", "::1");

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getDefaultDms() {
		return this.defaultDms;
	}

	public void setDefaultDms(String defaultDms) {
		this.defaultDms = defaultDms;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public List<String> getServerNames() {
		return this.serverNames;
	}

	public void setServerNames(List<String> serverNames) {
		this.serverNames = serverNames;
	}

}
