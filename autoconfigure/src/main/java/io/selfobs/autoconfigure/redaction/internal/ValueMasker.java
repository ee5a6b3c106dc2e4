package io.selfobs.autoconfigure.redaction.internal;

import java.util.Set;

/**
 * Masks the value of a sensitive key, keeping an authentication scheme such as
 * {@code Bearer} readable and letting allowed values and earlier replacements through.
 * Internal, not API.
 */
public final class ValueMasker {

	private final Set<String> allowedValues;

	ValueMasker(Set<String> allowedValues) {
		this.allowedValues = allowedValues;
	}

	public boolean isAllowed(String value) {
		return this.allowedValues.contains(value);
	}

	public String mask(String value, Replacement replacement) {
		if (value.isEmpty() || isAllowed(value) || replacement.isReplacement(value)) {
			return value;
		}
		int credentialStart = SensitiveKeys.credentialStart(value);
		String credential = value.substring(credentialStart);
		if (credential.isEmpty() || replacement.isReplacement(credential)) {
			return value;
		}
		return value.substring(0, credentialStart) + replacement.replace(credential);
	}

}
