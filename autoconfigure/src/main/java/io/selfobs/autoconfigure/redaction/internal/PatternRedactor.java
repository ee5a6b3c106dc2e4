package io.selfobs.autoconfigure.redaction.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.redaction.internal.detector.RegexDetector;
import io.selfobs.autoconfigure.redaction.internal.detector.ValueDetector;
import io.selfobs.autoconfigure.redaction.internal.detector.ValueDetectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Redactor}: structural key rules first, then value detectors run in a fixed
 * order, each behind a cheap pre-check. Internal, not API.
 */
public final class PatternRedactor implements Redactor {

	/**
	 * How many key decisions {@link #redactValue(String, String)} remembers. Span
	 * attribute, MDC and tag keys come from a small vocabulary; the bound keeps a flood
	 * of made-up keys from growing the map.
	 */
	private static final int MAX_REMEMBERED_KEYS = 512;

	/** Longer keys are not remembered, so the cache stays small. */
	private static final int MAX_REMEMBERED_KEY_LENGTH = 64;

	private final SensitiveKeys keys;

	private final Map<String, KeyRule> keyRules = new ConcurrentHashMap<>();

	private final ValueMasker masker;

	private final Set<String> allowedHeaders;

	private final Replacement replacement;

	private final List<ValueDetector> detectors;

	/**
	 * Create a redactor from its rules.
	 * @param sensitiveKeys key patterns whose values are masked
	 * @param allowedKeys key patterns that always pass, even if they look sensitive
	 * @param allowedValues values that always pass
	 * @param valuePatterns extra patterns for secrets in free text
	 * @param allowedHeaders request headers that may be recorded
	 * @param hmacKey the key for HMAC-SHA-256 replacements, or {@code null} to mask with
	 * {@code [REDACTED]}
	 */
	public PatternRedactor(Collection<String> sensitiveKeys, Collection<String> allowedKeys,
			Collection<String> allowedValues, Collection<Pattern> valuePatterns, Collection<String> allowedHeaders,
			byte @Nullable [] hmacKey) {
		this.keys = new SensitiveKeys(new KeyPatterns(sensitiveKeys), new KeyPatterns(allowedKeys));
		this.masker = new ValueMasker(Set.copyOf(allowedValues));
		this.allowedHeaders = lowerCase(allowedHeaders);
		this.replacement = (hmacKey != null) ? Replacement.hmac(hmacKey) : Replacement.mask();
		this.detectors = new ArrayList<>(ValueDetectors.defaults(this.keys, this.masker));
		valuePatterns.forEach((pattern) -> this.detectors.add(new RegexDetector((text) -> 0, pattern)));
	}

	static Set<String> lowerCase(Collection<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public String redact(String freeText) {
		if (freeText == null || freeText.isEmpty()) {
			return freeText;
		}
		String redacted = freeText;
		for (ValueDetector detector : this.detectors) {
			redacted = detector.redact(redacted, this.replacement);
		}
		return redacted;
	}

	@Override
	public String redactValue(String key, String value) {
		if (value == null || key == null) {
			return redact(value);
		}
		return redactValue(rememberedRuleOf(key), value);
	}

	private String redactValue(KeyRule rule, String value) {
		if (rule == KeyRule.ALLOWED || this.masker.isAllowed(value)) {
			return value;
		}
		if (rule == KeyRule.SENSITIVE) {
			return this.masker.mask(value, this.replacement);
		}
		return redact(value);
	}

	/**
	 * The rule of a key, remembered: the same keys come back on every span and log event,
	 * and matching them is several automaton walks.
	 */
	private KeyRule rememberedRuleOf(String key) {
		KeyRule rule = this.keyRules.get(key);
		if (rule != null) {
			return rule;
		}
		rule = ruleOf(key);
		if (key.length() <= MAX_REMEMBERED_KEY_LENGTH && this.keyRules.size() < MAX_REMEMBERED_KEYS) {
			this.keyRules.put(key, rule);
		}
		return rule;
	}

	private KeyRule ruleOf(String key) {
		if (this.keys.isAllowed(key)) {
			return KeyRule.ALLOWED;
		}
		if (this.keys.isSensitive(key, true)) {
			return KeyRule.SENSITIVE;
		}
		return DefaultRules.CLOSED_VALUE_KEYS.contains(key) ? KeyRule.ALLOWED : KeyRule.PLAIN;
	}

	@Override
	public boolean isSensitiveKey(String key) {
		return key != null && this.keys.isSensitive(key, true);
	}

	@Override
	public String redactQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return rawQuery;
		}
		StringBuilder redacted = new StringBuilder(rawQuery.length() + 16);
		int start = 0;
		while (start <= rawQuery.length()) {
			int end = rawQuery.indexOf('&', start);
			end = (end != -1) ? end : rawQuery.length();
			redactParameter(rawQuery.substring(start, end), redacted);
			if (end < rawQuery.length()) {
				redacted.append('&');
			}
			start = end + 1;
		}
		return unchangedIfEqual(rawQuery, redacted);
	}

	private void redactParameter(String parameter, StringBuilder redacted) {
		int equals = parameter.indexOf('=');
		if (equals <= 0) {
			redacted.append(redact(parameter));
			return;
		}
		String rawKey = parameter.substring(0, equals);
		// Parameter names come from the request: not remembered, so they cannot crowd out
		// the keys that recur
		redacted.append(rawKey)
			.append('=')
			.append(redactValue(ruleOf(decoded(rawKey)), parameter.substring(equals + 1)));
	}

	private static String decoded(String rawKey) {
		if (rawKey.indexOf('%') == -1 && rawKey.indexOf('+') == -1) {
			return rawKey;
		}
		try {
			return URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return rawKey;
		}
	}

	@Override
	public String redactUrl(String url) {
		if (url == null || url.isEmpty()) {
			return url;
		}
		int fragmentStart = url.indexOf('#');
		int queryStart = url.indexOf('?');
		queryStart = (fragmentStart != -1 && queryStart > fragmentStart) ? -1 : queryStart;
		int baseEnd = (queryStart != -1) ? queryStart : (fragmentStart != -1) ? fragmentStart : url.length();
		StringBuilder redacted = new StringBuilder(url.length() + 16).append(redact(url.substring(0, baseEnd)));
		if (queryStart != -1) {
			int queryEnd = (fragmentStart != -1) ? fragmentStart : url.length();
			redacted.append('?').append(redactQuery(url.substring(queryStart + 1, queryEnd)));
		}
		if (fragmentStart != -1) {
			// OAuth implicit flows put access_token=... in the fragment
			redacted.append('#').append(redactQuery(url.substring(fragmentStart + 1)));
		}
		return unchangedIfEqual(url, redacted);
	}

	private static String unchangedIfEqual(String original, CharSequence redacted) {
		return original.contentEquals(redacted) ? original : redacted.toString();
	}

	@Override
	public boolean isAllowedHeader(String headerName) {
		// Most services allow no header: then no request header name is lower-cased
		return headerName != null && !this.allowedHeaders.isEmpty()
				&& this.allowedHeaders.contains(headerName.toLowerCase(Locale.ROOT)) && !isSensitiveKey(headerName);
	}

	@Override
	public Map<String, String> allowedHeaders(Map<String, String> headers) {
		Map<String, String> allowed = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (isAllowedHeader(name)) {
				allowed.put(name, redact(value));
			}
		});
		return allowed;
	}

	private enum KeyRule {

		/** Allow-listed: the value passes unchanged. */
		ALLOWED,

		/** Sensitive: the value is masked. */
		SENSITIVE,

		/** Neither: value patterns apply. */
		PLAIN

	}

}
