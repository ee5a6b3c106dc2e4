package io.selfobs.autoconfigure.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.redaction.internal.DefaultRules;
import io.selfobs.autoconfigure.redaction.internal.KeyPatterns;
import io.selfobs.autoconfigure.redaction.internal.NoOpRedactor;
import io.selfobs.autoconfigure.redaction.internal.PatternRedactor;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Redactor}, starting from the default rules. Key patterns ignore case
 * and {@code -}, {@code _} and {@code .}, and may start or end with {@code *}:
 * {@code pin} (exact), {@code *token} (suffix), {@code user*} (prefix), {@code *session*}
 * (substring). Methods add to the current rules.
 */
public final class RedactorBuilder {

	/** Shortest accepted HMAC key, the output size of SHA-256 as RFC 2104 recommends. */
	public static final int MIN_HMAC_KEY_BYTES = 32;

	private final List<String> sensitiveKeys = new ArrayList<>(DefaultRules.SENSITIVE_KEYS);

	private final List<String> allowedKeys = new ArrayList<>();

	private final Set<String> allowedValues = new LinkedHashSet<>();

	private final List<Pattern> valuePatterns = new ArrayList<>();

	private final Set<String> allowedHeaders = new LinkedHashSet<>();

	private boolean enabled = true;

	private byte @Nullable [] hmacKey;

	RedactorBuilder() {
	}

	/**
	 * Add key patterns whose values are always masked.
	 * @param patterns the key patterns
	 * @return this builder
	 */
	public RedactorBuilder sensitiveKeys(Collection<String> patterns) {
		this.sensitiveKeys.addAll(checked(patterns));
		return this;
	}

	/**
	 * Add key patterns that always pass unchanged, even when they look sensitive.
	 * @param patterns the key patterns
	 * @return this builder
	 */
	public RedactorBuilder allowedKeys(Collection<String> patterns) {
		this.allowedKeys.addAll(checked(patterns));
		return this;
	}

	/**
	 * Add values that always pass unchanged, such as {@code none} or {@code disabled}.
	 * @param values the exact values
	 * @return this builder
	 */
	public RedactorBuilder allowedValues(Collection<String> values) {
		this.allowedValues.addAll(values);
		return this;
	}

	/**
	 * Add patterns that find secrets in free text. When a pattern has capturing groups,
	 * only the groups are replaced; otherwise the whole match is.
	 * @param patterns the patterns
	 * @return this builder
	 */
	public RedactorBuilder valuePatterns(Collection<Pattern> patterns) {
		this.valuePatterns.addAll(patterns);
		return this;
	}

	/**
	 * Add request headers that may be recorded. Sensitive headers are never recorded,
	 * even when added here.
	 * @param headerNames the header names, in any case
	 * @return this builder
	 */
	public RedactorBuilder allowedHeaders(Collection<String> headerNames) {
		this.allowedHeaders.addAll(headerNames);
		return this;
	}

	/**
	 * Replace secrets with a truncated HMAC-SHA-256 of their value instead of
	 * {@code [REDACTED]}, so equal secrets stay correlatable.
	 * @param key the secret key, at least {@value #MIN_HMAC_KEY_BYTES} bytes
	 * @return this builder
	 * @throws IllegalArgumentException if the key is too short
	 */
	public RedactorBuilder hmacKey(byte[] key) {
		if (key == null || key.length < MIN_HMAC_KEY_BYTES) {
			throw new IllegalArgumentException("The HMAC key must have at least " + MIN_HMAC_KEY_BYTES + " bytes");
		}
		this.hmacKey = key.clone();
		return this;
	}

	/**
	 * Switch redaction on or off. When off, the built redactor changes nothing and still
	 * records only allow-listed headers.
	 * @param enabled whether to redact
	 * @return this builder
	 */
	public RedactorBuilder enabled(boolean enabled) {
		this.enabled = enabled;
		return this;
	}

	/**
	 * Build the redactor.
	 * @return a thread-safe redactor
	 */
	public Redactor build() {
		if (!this.enabled) {
			return new NoOpRedactor(this.allowedHeaders);
		}
		return new PatternRedactor(this.sensitiveKeys, this.allowedKeys, this.allowedValues, this.valuePatterns,
				this.allowedHeaders, (this.hmacKey != null) ? this.hmacKey.clone() : null);
	}

	private static Collection<String> checked(Collection<String> patterns) {
		patterns.forEach(KeyPatterns::checkWildcards);
		return patterns;
	}

}
