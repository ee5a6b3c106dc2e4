package io.selfobs.autoconfigure.redaction.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Structural rules: which keys hold secrets, and how much of their value is the secret.
 * Internal, not API.
 */
public final class SensitiveKeys {

	/**
	 * Only a secret as a URL parameter ({@code ?code=}); elsewhere it is a status code.
	 */
	private static final KeyPatterns QUERY_ONLY = new KeyPatterns(Set.of("code"));

	/**
	 * Header-style keys whose whole line is the credential ({@code Cookie: a=1; b=2}).
	 */
	private static final KeyPatterns WHOLE_LINE = new KeyPatterns(Set.of("*cookie*", "*authorization*"));

	/** Authentication schemes kept in front of a masked credential, as in RFC 9110. */
	private static final Set<String> SCHEMES = Set.of("basic", "bearer", "digest", "negotiate", "ntlm", "token",
			"apikey", "dpop", "hoba", "mutual", "aws4-hmac-sha256", "hawk");

	private final KeyPatterns sensitive;

	private final KeyPatterns allowed;

	SensitiveKeys(KeyPatterns sensitive, KeyPatterns allowed) {
		this.sensitive = sensitive;
		this.allowed = allowed;
	}

	public boolean isAllowed(CharSequence key) {
		return this.allowed.matches(key);
	}

	public boolean isSensitive(CharSequence key, boolean inQuery) {
		return isSensitive(key, 0, key.length(), inQuery);
	}

	/**
	 * Whether the key found in {@code text} between {@code start} and {@code end} is
	 * sensitive, without copying it.
	 */
	public boolean isSensitive(CharSequence text, int start, int end, boolean inQuery) {
		if (this.allowed.matches(text, start, end)) {
			return false;
		}
		return this.sensitive.matches(text, start, end) || (inQuery && QUERY_ONLY.matches(text, start, end));
	}

	public static boolean isWholeLine(CharSequence text, int start, int end) {
		return WHOLE_LINE.matches(text, start, end);
	}

	/**
	 * Return where the credential starts in a value such as {@code Bearer abc}: after the
	 * scheme when there is one, so the scheme stays readable.
	 * @param value the value of a sensitive key
	 * @return the index of the credential
	 */
	public static int credentialStart(String value) {
		int space = value.indexOf(' ');
		if (space <= 0 || space == value.length() - 1
				|| !SCHEMES.contains(value.substring(0, space).toLowerCase(Locale.ROOT))) {
			return 0;
		}
		int start = space;
		while (start < value.length() && value.charAt(start) == ' ') {
			start++;
		}
		return start;
	}

}
