package io.selfobs.autoconfigure.redaction.internal;

import java.util.List;

/**
 * The built-in rules, in the pattern syntax of {@link KeyPatterns}. Internal, not API.
 */
public final class DefaultRules {

	/**
	 * Keys whose values are always masked. They also cover the sensitive header names
	 * {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
	 * {@code Set-Cookie}, {@code X-Api-Key}, {@code X-Auth-Token}, {@code X-CSRF-Token},
	 * {@code X-XSRF-Token} and {@code X-Amz-Security-Token}. {@code code} is added for
	 * URL parameters only.
	 */
	public static final List<String> SENSITIVE_KEYS = List.of("*password", "*passwd", "*pwd", "*passphrase", "*secret*",
			"*token", "*apikey", "*accesskey", "*signingkey", "*encryptionkey", "*hmackey", "*masterkey",
			"*credential*", "*private*", "*session*", "*cookie*", "*authorization*", "auth", "sig", "*signature");

	/** Metric tag keys dropped entirely: e-mail addresses and user names. */
	public static final List<String> DENIED_TAG_KEYS = List.of("*email*", "*username", "user");

	private DefaultRules() {
	}

}
