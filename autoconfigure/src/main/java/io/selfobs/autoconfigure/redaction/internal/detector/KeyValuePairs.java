package io.selfobs.autoconfigure.redaction.internal.detector;

import io.selfobs.autoconfigure.redaction.internal.Replacement;
import io.selfobs.autoconfigure.redaction.internal.SensitiveKeys;
import io.selfobs.autoconfigure.redaction.internal.ValueMasker;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@code key=value}, {@code key: value}, {@code "key": "value"} (also JSON escaped
 * inside a string) and {@code ?key=value&} pairs whose key is sensitive, and masks the
 * value. A hand-written scanner rather than a regex: it only looks at the few characters
 * around each {@code =} and {@code :}, which keeps clean text cheap.
 */
final class KeyValuePairs implements ValueDetector {

	private static final int MAX_KEY_LENGTH = 64;

	private final SensitiveKeys keys;

	private final ValueMasker masker;

	KeyValuePairs(SensitiveKeys keys, ValueMasker masker) {
		this.keys = keys;
		this.masker = masker;
	}

	@Override
	public String redact(String text, Replacement replacement) {
		StringBuilder redacted = null;
		int copied = 0;
		int nextEquals = text.indexOf('=');
		int nextColon = text.indexOf(':');
		while (nextEquals != -1 || nextColon != -1) {
			int separator = (nextColon == -1 || (nextEquals != -1 && nextEquals < nextColon)) ? nextEquals : nextColon;
			int resumeAt = separator + 1;
			if (separator >= copied) {
				Span value = sensitiveValue(text, separator);
				String original = (value != null) ? text.substring(value.start, value.end) : null;
				String masked = (original != null) ? this.masker.mask(original, replacement) : null;
				if (value != null && masked != null && !masked.equals(original)) {
					redacted = (redacted != null) ? redacted : new StringBuilder(text.length() + 16);
					redacted.append(text, copied, value.start).append(masked);
					copied = value.end;
				}
				resumeAt = (value != null) ? value.end : resumeAt;
			}
			nextEquals = (nextEquals != -1 && nextEquals < resumeAt) ? text.indexOf('=', resumeAt) : nextEquals;
			nextColon = (nextColon != -1 && nextColon < resumeAt) ? text.indexOf(':', resumeAt) : nextColon;
		}
		return (redacted != null) ? redacted.append(text, copied, text.length()).toString() : text;
	}

	private @Nullable Span sensitiveValue(String text, int separator) {
		int keyEnd = skipBackQuote(text, skipBackSpaces(text, separator));
		int keyStart = keyEnd;
		while (keyStart > 0 && keyEnd - keyStart <= MAX_KEY_LENGTH && isKeyChar(text.charAt(keyStart - 1))) {
			keyStart--;
		}
		if (keyStart == keyEnd || keyEnd - keyStart > MAX_KEY_LENGTH) {
			return null;
		}
		if (!this.keys.isSensitive(text, keyStart, keyEnd, isInQuery(text, keyStart))) {
			return null;
		}
		boolean wholeLine = text.charAt(separator) == ':' && SensitiveKeys.isWholeLine(text, keyStart, keyEnd);
		return valueAfter(text, separator + 1, wholeLine);
	}

	private static @Nullable Span valueAfter(String text, int from, boolean wholeLine) {
		int start = skipSpaces(text, from);
		if (start == text.length()) {
			return null;
		}
		char first = text.charAt(start);
		if (first == '"' || first == '\'') {
			return quoted(text, start + 1, String.valueOf(first));
		}
		if (first == '\\' && start + 1 < text.length() && text.charAt(start + 1) == '"') {
			return quoted(text, start + 2, "\\\"");
		}
		int closingBracket = (first == '[') ? text.indexOf(']', start) : -1;
		if (closingBracket != -1) {
			// one value, so that a previous pass's [REDACTED] is recognised and kept
			return new Span(start, closingBracket + 1);
		}
		int end = start;
		while (end < text.length() && !isValueEnd(text.charAt(end), wholeLine)) {
			end++;
		}
		return (end > start) ? new Span(start, withCredentialAfterScheme(text, start, end, wholeLine)) : null;
	}

	/**
	 * {@code Authorization=Bearer abc}: the token after the scheme belongs to the value.
	 */
	private static int withCredentialAfterScheme(String text, int start, int end, boolean wholeLine) {
		if (wholeLine || end >= text.length() - 1 || text.charAt(end) != ' ') {
			return end;
		}
		Span credential = valueAfter(text, end + 1, false);
		if (credential == null || credential.start != end + 1) {
			return end;
		}
		return (SensitiveKeys.credentialStart(text.substring(start, credential.end)) > 0) ? credential.end : end;
	}

	private static Span quoted(String text, int start, String closingQuote) {
		int end = text.indexOf(closingQuote, start);
		return new Span(start, (end != -1) ? end : text.length());
	}

	private static boolean isInQuery(String text, int keyStart) {
		int before = keyStart - 1;
		return before >= 0 && (text.charAt(before) == '?' || text.charAt(before) == '&');
	}

	private static int skipBackSpaces(String text, int index) {
		while (index > 0 && text.charAt(index - 1) == ' ') {
			index--;
		}
		return index;
	}

	private static int skipBackQuote(String text, int index) {
		if (index > 0 && (text.charAt(index - 1) == '"' || text.charAt(index - 1) == '\'')) {
			index--;
			if (index > 0 && text.charAt(index - 1) == '\\') {
				index--;
			}
		}
		return index;
	}

	private static int skipSpaces(String text, int index) {
		while (index < text.length() && text.charAt(index) == ' ') {
			index++;
		}
		return index;
	}

	private static boolean isKeyChar(char c) {
		if (c < 128) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
					|| c == '.';
		}
		return Character.isLetterOrDigit(c);
	}

	private static boolean isValueEnd(char c, boolean wholeLine) {
		if (c == '\n' || c == '\r' || c == '"') {
			return true;
		}
		if (wholeLine) {
			return false;
		}
		return Character.isWhitespace(c) || c == ',' || c == ';' || c == '&' || c == '\'' || c == ')' || c == '}'
				|| c == ']' || c == '<' || c == '>' || c == '\\';
	}

	private record Span(int start, int end) {
	}

}
