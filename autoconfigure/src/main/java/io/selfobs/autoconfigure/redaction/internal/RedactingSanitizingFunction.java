package io.selfobs.autoconfigure.redaction.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.redaction.Redactor;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks credentials in {@code /actuator/env} and {@code /actuator/configprops}: every
 * {@code otel.*} credential (header values, passwords, tokens, secrets, key material and
 * key paths, whether written as properties or {@code OTEL_*} variables), every key the
 * {@link Redactor} finds sensitive, and secrets inside other values. Internal, not API.
 */
public final class RedactingSanitizingFunction implements SanitizingFunction {

	/**
	 * An {@code otel.*} credential, on the name with separators removed. {@code key} but
	 * not {@code keys}, so lists of key patterns stay readable.
	 */
	private static final Pattern OTEL_CREDENTIAL = Pattern
		.compile("otel.*(headers|password|passwd|token|secret|credential|key(?!s)).*");

	/** The redaction settings hold no secret but the HMAC key. */
	private static final String REDACTION_PREFIX = "otelredaction";

	private final Redactor redactor;

	/**
	 * Create a function.
	 * @param redactor the redactor whose rules apply to keys and values
	 */
	public RedactingSanitizingFunction(Redactor redactor) {
		this.redactor = redactor;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		String key = data.getKey();
		if (isOtelCredential(key) || this.redactor.isSensitiveKey(lastSegment(key))) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof CharSequence value) {
			String text = value.toString();
			String redacted = this.redactor.redact(text);
			return (redacted.equals(text)) ? data : data.withValue(redacted);
		}
		return data;
	}

	static boolean isOtelCredential(String key) {
		String compact = KeyPatterns.normalise(key.toLowerCase(Locale.ROOT));
		if (compact.startsWith(REDACTION_PREFIX)) {
			return compact.contains("hmackey");
		}
		return OTEL_CREDENTIAL.matcher(compact).matches();
	}

	private static String lastSegment(String key) {
		int end = key.endsWith("]") ? key.lastIndexOf('[') : key.length();
		end = (end > 0) ? end : key.length();
		return key.substring(key.lastIndexOf('.', end - 1) + 1, end);
	}

}
