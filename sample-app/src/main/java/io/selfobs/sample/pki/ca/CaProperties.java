package io.selfobs.sample.pki.ca;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the CA and of the way an EST instance reaches it, under {@code pki.ca.*}.
 */
@ConfigurationProperties("pki.ca")
public class CaProperties {

	/**
	 * Base URL of the CA API an EST instance without the CA role calls. Required by such
	 * an instance.
	 */
	private @Nullable URI baseUrl;

	/**
	 * Pre-shared token (at least 32 characters, for example 'openssl rand -base64 32') an
	 * EST instance without the CA role sends as 'Authorization: Bearer' to the CA API,
	 * and a CA instance accepts from it. Required by such an EST instance; not needed
	 * when one instance plays both roles.
	 */
	private @Nullable String serviceToken;

	/**
	 * Time between a CRL's thisUpdate and nextUpdate: how long relying parties may cache
	 * it.
	 */
	private Duration crlNextUpdate = Duration.ofHours(24);

	public @Nullable URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getServiceToken() {
		return this.serviceToken;
	}

	public void setServiceToken(@Nullable String serviceToken) {
		this.serviceToken = serviceToken;
	}

	public Duration getCrlNextUpdate() {
		return this.crlNextUpdate;
	}

	public void setCrlNextUpdate(Duration crlNextUpdate) {
		this.crlNextUpdate = crlNextUpdate;
	}

}
