package io.selfobs.autoconfigure.redaction;

import java.util.ArrayList;
import java.util.List;

import io.selfobs.autoconfigure.redaction.internal.DefaultRules;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the redaction that every telemetry sink applies. Key patterns ignore
 * case and {@code -}, {@code _} and {@code .}, and may start or end with {@code *}.
 */
@ConfigurationProperties("otel.redaction")
public class RedactionProperties {

	/**
	 * Whether to redact secrets from logs, spans, OTLP log records and metric tags.
	 */
	private boolean enabled = true;

	/**
	 * What a secret is replaced with.
	 */
	private Replacement replacement = Replacement.MASK;

	/**
	 * Secret key for 'hmac' replacements, at least 32 characters. Supply it from an
	 * environment variable or a configtree mount, never from a committed file.
	 */
	private @Nullable String hmacKey;

	/**
	 * Extra key patterns whose values are always masked, added to the defaults.
	 */
	private List<String> sensitiveKeys = new ArrayList<>();

	/**
	 * Extra regular expressions for secrets in free text. When a pattern has capturing
	 * groups, only the groups are replaced.
	 */
	private List<String> valuePatterns = new ArrayList<>();

	/**
	 * Key patterns whose values always pass unchanged, even when they look sensitive.
	 */
	private List<String> allowedKeys = new ArrayList<>();

	/**
	 * Values that always pass unchanged.
	 */
	private List<String> allowedValues = new ArrayList<>();

	/**
	 * Request headers recorded in request events. Sensitive headers are never recorded.
	 */
	private List<String> allowedHeaders = new ArrayList<>();

	/**
	 * Metric tag key patterns dropped entirely.
	 */
	private List<String> deniedTagKeys = new ArrayList<>(DefaultRules.DENIED_TAG_KEYS);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Replacement getReplacement() {
		return this.replacement;
	}

	public void setReplacement(Replacement replacement) {
		this.replacement = replacement;
	}

	public @Nullable String getHmacKey() {
		return this.hmacKey;
	}

	public void setHmacKey(@Nullable String hmacKey) {
		this.hmacKey = hmacKey;
	}

	public List<String> getSensitiveKeys() {
		return this.sensitiveKeys;
	}

	public void setSensitiveKeys(List<String> sensitiveKeys) {
		this.sensitiveKeys = sensitiveKeys;
	}

	public List<String> getValuePatterns() {
		return this.valuePatterns;
	}

	public void setValuePatterns(List<String> valuePatterns) {
		this.valuePatterns = valuePatterns;
	}

	public List<String> getAllowedKeys() {
		return this.allowedKeys;
	}

	public void setAllowedKeys(List<String> allowedKeys) {
		this.allowedKeys = allowedKeys;
	}

	public List<String> getAllowedValues() {
		return this.allowedValues;
	}

	public void setAllowedValues(List<String> allowedValues) {
		this.allowedValues = allowedValues;
	}

	public List<String> getAllowedHeaders() {
		return this.allowedHeaders;
	}

	public void setAllowedHeaders(List<String> allowedHeaders) {
		this.allowedHeaders = allowedHeaders;
	}

	public List<String> getDeniedTagKeys() {
		return this.deniedTagKeys;
	}

	public void setDeniedTagKeys(List<String> deniedTagKeys) {
		this.deniedTagKeys = deniedTagKeys;
	}

	/**
	 * What a secret is replaced with.
	 */
	public enum Replacement {

		/**
		 * The fixed text {@code [REDACTED]}.
		 */
		MASK,

		/**
		 * A truncated HMAC-SHA-256 of the secret keyed with
		 * {@code otel.redaction.hmac-key}, so equal secrets stay correlatable without
		 * being reversible.
		 */
		HMAC

	}

}
