package io.selfobs.autoconfigure.redaction.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.redaction.RedactionProperties;
import io.selfobs.autoconfigure.redaction.RedactionProperties.Replacement;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.redaction.RedactorBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link RedactionProperties} into redaction rules, naming the property of any
 * value that cannot be used. Internal, not API.
 */
public final class RedactionPropertiesMapper {

	private static final String PREFIX = "otel.redaction.";

	private static final String WILDCARD_ACTION = "Use '*' only at the start or the end of a key pattern, "
			+ "as in '*token', 'user*' or '*session*', or remove the entry.";

	private RedactionPropertiesMapper() {
	}

	/**
	 * Return a builder holding the defaults and the properties.
	 * @param properties the bound properties
	 * @return the builder
	 * @throws InvalidOtelPropertyException if a property cannot be used
	 */
	public static RedactorBuilder toBuilder(RedactionProperties properties) {
		RedactorBuilder builder = Redactor.builder()
			.enabled(properties.isEnabled())
			.sensitiveKeys(keyPatterns("sensitive-keys", properties.getSensitiveKeys()))
			.allowedKeys(keyPatterns("allowed-keys", properties.getAllowedKeys()))
			.allowedValues(properties.getAllowedValues())
			.valuePatterns(valuePatterns(properties.getValuePatterns()))
			.allowedHeaders(properties.getAllowedHeaders());
		if (properties.getReplacement() == Replacement.HMAC) {
			builder.hmacKey(hmacKey(properties.getHmacKey()));
		}
		return builder;
	}

	/**
	 * Return the metric tag keys to drop.
	 * @param properties the bound properties
	 * @return the key patterns
	 * @throws InvalidOtelPropertyException if a pattern cannot be used
	 */
	public static KeyPatterns deniedTagKeys(RedactionProperties properties) {
		return new KeyPatterns(keyPatterns("denied-tag-keys", properties.getDeniedTagKeys()));
	}

	private static List<String> keyPatterns(String property, List<String> patterns) {
		for (int i = 0; i < patterns.size(); i++) {
			try {
				KeyPatterns.checkWildcards(patterns.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidOtelPropertyException(indexed(property, i), patterns.get(i),
						String.valueOf(ex.getMessage()), WILDCARD_ACTION);
			}
		}
		return patterns;
	}

	private static List<Pattern> valuePatterns(List<String> regexes) {
		List<Pattern> patterns = new ArrayList<>(regexes.size());
		for (int i = 0; i < regexes.size(); i++) {
			try {
				patterns.add(Pattern.compile(regexes.get(i)));
			}
			catch (PatternSyntaxException ex) {
				String property = indexed("value-patterns", i);
				throw new InvalidOtelPropertyException(property, regexes.get(i),
						"not a valid regular expression: " + ex.getDescription() + " near index " + ex.getIndex(),
						"Fix the regular expression in '" + property
								+ "' (java.util.regex syntax, for example '(?i)pin=\\\\d{4}'), or remove the entry.");
			}
		}
		return patterns;
	}

	private static byte[] hmacKey(@Nullable String key) {
		byte[] bytes = (key != null) ? key.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (bytes.length < RedactorBuilder.MIN_HMAC_KEY_BYTES) {
			String shown = (key != null) ? "(not shown, " + bytes.length + " bytes)" : "(none)";
			throw InvalidOtelPropertyException.notShown(PREFIX + "hmac-key", shown,
					"otel.redaction.replacement=hmac needs a key of at least " + RedactorBuilder.MIN_HMAC_KEY_BYTES
							+ " bytes",
					"Set otel.redaction.hmac-key to a random secret of at least " + RedactorBuilder.MIN_HMAC_KEY_BYTES
							+ " characters, from the OTEL_REDACTION_HMAC_KEY environment variable or a configtree: "
							+ "mount (for example 'openssl rand -base64 48'), or set otel.redaction.replacement=mask.");
		}
		return bytes;
	}

	private static String indexed(String property, int index) {
		return PREFIX + property + "[" + index + "]";
	}

}
