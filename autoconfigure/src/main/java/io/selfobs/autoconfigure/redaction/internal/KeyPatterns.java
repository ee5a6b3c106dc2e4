package io.selfobs.autoconfigure.redaction.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Queue;

/**
 * Key names matched after normalising (lower case, without {@code -}, {@code _},
 * {@code .} and spaces). Each pattern is exact ({@code code}), a suffix ({@code *token}),
 * a prefix ({@code user*}) or a substring ({@code *session*}).
 * <p>
 * Keys are checked on every {@code key=value} of every log line, so matching is one pass
 * of an Aho-Corasick automaton over the key's characters, normalising on the fly: no
 * allocation, no cost per pattern. Internal, not API.
 */
public final class KeyPatterns {

	private static final int EXACT = 0;

	private static final int SUFFIX = 1;

	private static final int PREFIX = 2;

	private static final int SUBSTRING = 3;

	private static final int ALPHABET = 128;

	private static final int[] NO_OUTPUT = {};

	/** Next state by state and ASCII character. */
	private final int[][] transitions;

	/** Per state, the patterns ending there, each as {@code kind | length << 2}. */
	private final int[][] outputs;

	/**
	 * Create patterns from their textual form.
	 * @param patterns the patterns
	 * @throws IllegalArgumentException if a pattern has a {@code *} elsewhere than at its
	 * ends
	 */
	public KeyPatterns(Collection<String> patterns) {
		List<int[]> transitions = new ArrayList<>();
		List<int[]> outputs = new ArrayList<>();
		transitions.add(newState());
		outputs.add(NO_OUTPUT);
		for (String pattern : patterns) {
			add(checkWildcards(pattern), transitions, outputs);
		}
		this.transitions = transitions.toArray(new int[0][]);
		this.outputs = outputs.toArray(new int[0][]);
		linkFailures();
	}

	private static void add(String pattern, List<int[]> transitions, List<int[]> outputs) {
		boolean leading = pattern.startsWith("*");
		boolean trailing = pattern.length() > 1 && pattern.endsWith("*");
		String text = normalise(pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0)));
		int kind = (leading && trailing) ? SUBSTRING : leading ? SUFFIX : trailing ? PREFIX : EXACT;
		int state = 0;
		for (int i = 0; i < text.length(); i++) {
			int c = ascii(text.charAt(i));
			if (transitions.get(state)[c] <= 0) {
				transitions.get(state)[c] = transitions.size();
				transitions.add(newState());
				outputs.add(NO_OUTPUT);
			}
			state = transitions.get(state)[c];
		}
		int[] existing = outputs.get(state);
		int[] extended = Arrays.copyOf(existing, existing.length + 1);
		extended[existing.length] = kind | (text.length() << 2);
		outputs.set(state, extended);
	}

	/** Turn the trie into an automaton: missing transitions follow failure links. */
	private void linkFailures() {
		int[] failure = new int[this.transitions.length];
		Queue<Integer> queue = new ArrayDeque<>();
		for (int c = 0; c < ALPHABET; c++) {
			int next = this.transitions[0][c];
			this.transitions[0][c] = Math.max(next, 0);
			if (next > 0) {
				queue.add(next);
			}
		}
		while (!queue.isEmpty()) {
			int state = queue.poll();
			int[] inherited = this.outputs[failure[state]];
			if (inherited.length > 0) {
				int[] own = this.outputs[state];
				int[] merged = Arrays.copyOf(own, own.length + inherited.length);
				System.arraycopy(inherited, 0, merged, own.length, inherited.length);
				this.outputs[state] = merged;
			}
			for (int c = 0; c < ALPHABET; c++) {
				int next = this.transitions[state][c];
				if (next > 0) {
					failure[next] = this.transitions[failure[state]][c];
					queue.add(next);
				}
				else {
					this.transitions[state][c] = this.transitions[failure[state]][c];
				}
			}
		}
	}

	private static int[] newState() {
		int[] state = new int[ALPHABET];
		Arrays.fill(state, -1);
		return state;
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
	 * Whether a key matches one of the patterns.
	 * @param key the key, normalised or not
	 * @return {@code true} on a match
	 */
	public boolean matches(CharSequence key) {
		return matches(key, 0, key.length());
	}

	boolean matches(CharSequence text, int start, int end) {
		if (this.transitions.length == 1) {
			return false;
		}
		int state = 0;
		int length = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (isSeparator(c)) {
				continue;
			}
			state = this.transitions[state][lowerCaseAscii(c)];
			length++;
			if (matchesMidKey(state, length)) {
				return true;
			}
		}
		for (int output : this.outputs[state]) {
			int kind = output & 3;
			if (kind == SUFFIX || (kind == EXACT && (output >>> 2) == length)) {
				return true;
			}
		}
		return false;
	}

	private boolean matchesMidKey(int state, int length) {
		for (int output : this.outputs[state]) {
			int kind = output & 3;
			if (kind == SUBSTRING || (kind == PREFIX && (output >>> 2) == length)) {
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
		StringBuilder normalised = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!isSeparator(c)) {
				normalised.append(Character.toLowerCase(c));
			}
		}
		return normalised.toString();
	}

	private static boolean isSeparator(char c) {
		return c == '-' || c == '_' || c == '.' || c == ' ';
	}

	/** Characters outside ASCII share one symbol: no built-in pattern uses them. */
	private static int ascii(char c) {
		return (c < ALPHABET) ? c : 0;
	}

	private static int lowerCaseAscii(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c + ('a' - 'A');
		}
		return (c < ALPHABET) ? c : ascii(Character.toLowerCase(c));
	}

}
