package io.selfobs.autoconfigure.redaction.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Key names matched after {@linkplain #normalise(CharSequence, int, int) normalising}.
 * Each pattern is exact ({@code code}), a suffix ({@code *token}), a prefix
 * ({@code user*}) or a substring ({@code *session*}).
 */
public final class KeyPatterns {

	private static final String[] NONE = {};

	private final Set<String> exact = new HashSet<>();

	private final String[] suffixes;

	private final String[] prefixes;

	private final String[] substrings;

	/**
	 * Create patterns from their textual form.
	 * @param patterns the patterns
	 * @throws IllegalArgumentException if a pattern has a {@code *} elsewhere than at its
	 * ends
	 */
	public KeyPatterns(Collection<String> patterns) {
		List<String> suffixes = new ArrayList<>();
		List<String> prefixes = new ArrayList<>();
		List<String> substrings = new ArrayList<>();
		for (String pattern : patterns) {
			String checked = checkWildcards(pattern);
			boolean leading = checked.startsWith("*");
			boolean trailing = checked.length() > 1 && checked.endsWith("*");
			String text = normalise(checked, leading ? 1 : 0, checked.length() - (trailing ? 1 : 0));
			if (leading && trailing) {
				substrings.add(text);
			}
			else if (leading) {
				suffixes.add(text);
			}
			else if (trailing) {
				prefixes.add(text);
			}
			else {
				this.exact.add(text);
			}
		}
		this.suffixes = suffixes.toArray(NONE);
		this.prefixes = prefixes.toArray(NONE);
		this.substrings = substrings.toArray(NONE);
	}

	/**
	 * Check that a pattern only uses {@code *} at its start or end.
	 * @param pattern the pattern
	 * @return the pattern
	 * @throws IllegalArgumentException if it does not
	 */
	public static String checkWildcards(String pattern) {
		int star = pattern.indexOf('*', 1);
		if (pattern.isEmpty() || (star != -1 && star != pattern.length() - 1)) {
			throw new IllegalArgumentException(
					"'*' is only supported at the start or the end of a key pattern, as in '*token' or 'user*'");
		}
		return pattern;
	}

	/**
	 * Whether an already normalised key matches one of the patterns.
	 * @param normalisedKey the key as returned by {@link #normalise}
	 * @return {@code true} on a match
	 */
	public boolean matches(String normalisedKey) {
		if (this.exact.contains(normalisedKey)) {
			return true;
		}
		for (String suffix : this.suffixes) {
			if (normalisedKey.endsWith(suffix)) {
				return true;
			}
		}
		for (String prefix : this.prefixes) {
			if (normalisedKey.startsWith(prefix)) {
				return true;
			}
		}
		for (String substring : this.substrings) {
			if (normalisedKey.contains(substring)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Lower-case a key and drop {@code -}, {@code _}, {@code .} and spaces, so that
	 * {@code X-Api-Key}, {@code x_api_key} and {@code xApiKey} compare equal.
	 * @param key the key
	 * @return the normalised key
	 */
	public static String normalise(CharSequence key) {
		return normalise(key, 0, key.length());
	}

	static String normalise(CharSequence text, int start, int end) {
		StringBuilder normalised = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c != '-' && c != '_' && c != '.' && c != ' ') {
				normalised.append(Character.toLowerCase(c));
			}
		}
		return normalised.toString();
	}

}
