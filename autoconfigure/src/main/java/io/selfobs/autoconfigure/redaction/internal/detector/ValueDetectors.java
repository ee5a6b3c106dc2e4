package io.selfobs.autoconfigure.redaction.internal.detector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.redaction.internal.SensitiveKeys;
import io.selfobs.autoconfigure.redaction.internal.ValueMasker;

/**
 * The built-in {@link ValueDetector}s, in the order they run: multi-line and
 * self-delimiting secrets first, so later detectors see their replacements, not parts of
 * them. Internal, not API.
 */
public final class ValueDetectors {

	private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
			"-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----|$)",
			Pattern.DOTALL);

	private static final Pattern JWT = Pattern
		.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");

	/**
	 * User and password of {@code scheme://user:password@host}; the password may hold
	 * '@'.
	 */
	private static final Pattern URL_USER_INFO = Pattern
		.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://([^\\s/?#@:\\[\\]]+)(?::([^\\s/?#]*))?@");

	private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+([a-z0-9\\-._~+/]+=*)");

	private static final Pattern BASIC = Pattern.compile("(?i)\\bbasic\\s+([a-z0-9+/]{4,}={0,2})(?![a-z0-9+/=])");

	private static final Pattern AWS_ACCESS_KEY_ID = Pattern
		.compile("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])");

	private static final Pattern GITHUB_TOKEN = Pattern
		.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])");

	private static final int MIN_BEARER_LENGTH = 8;

	private static final int MIN_LETTERS_ONLY_BEARER_LENGTH = 24;

	private ValueDetectors() {
	}

	public static List<ValueDetector> defaults(SensitiveKeys keys, ValueMasker masker) {
		return List.of(new RegexDetector(ValueDetectors::pemStart, PEM_PRIVATE_KEY),
				new RegexDetector((text) -> text.indexOf("eyJ"), JWT),
				new RegexDetector((text) -> (text.indexOf('@') != -1 && text.contains("://")) ? 0 : -1, URL_USER_INFO),
				new KeyValuePairs(keys, masker),
				new RegexDetector((text) -> before(text, "earer", "EARER", 1), BEARER, ValueDetectors::isBearerToken),
				new RegexDetector((text) -> before(text, "asic", "ASIC", 1), BASIC, ValueDetectors::isBasicCredentials),
				new RegexDetector((text) -> before(text, "IA", "ACCA", 2), AWS_ACCESS_KEY_ID),
				new RegexDetector((text) -> before(text, "gh", "github_pat_", 0), GITHUB_TOKEN), new CardNumbers());
	}

	private static int pemStart(String text) {
		return text.contains("PRIVATE KEY") ? text.indexOf("-----BEGIN ") : -1;
	}

	/**
	 * Return where a match can start given the first of two literals it contains, found
	 * {@code offset} characters into the match; {@code -1} if neither literal occurs.
	 */
	private static int before(String text, String literal, String otherLiteral, int offset) {
		int first = text.indexOf(literal);
		int other = text.indexOf(otherLiteral);
		int earliest = (first == -1) ? other : (other == -1) ? first : Math.min(first, other);
		return (earliest == -1) ? -1 : Math.max(0, earliest - offset);
	}

	/** A token, not prose: "Bearer token missing" and "bearer authentication" stay. */
	private static boolean isBearerToken(MatchResult match) {
		String token = match.group(1);
		if (token.length() >= MIN_LETTERS_ONLY_BEARER_LENGTH) {
			return true;
		}
		return token.length() >= MIN_BEARER_LENGTH && token.chars().anyMatch(Character::isDigit);
	}

	/** Only {@code user:password} in Base64: "Basic authentication" stays. */
	private static boolean isBasicCredentials(MatchResult match) {
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(match.group(1));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		String credentials = new String(decoded, StandardCharsets.UTF_8);
		return credentials.indexOf(':') > 0
				&& credentials.chars().allMatch((c) -> c >= 0x20 && c != 0x7f && c != 0xfffd);
	}

}
