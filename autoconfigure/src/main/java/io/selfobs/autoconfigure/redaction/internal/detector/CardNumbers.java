package io.selfobs.autoconfigure.redaction.internal.detector;

import io.selfobs.autoconfigure.redaction.internal.Replacement;
import org.jspecify.annotations.Nullable;

/**
 * Finds payment card numbers: 13 to 19 digits, optionally grouped by single spaces or
 * dashes, starting with a major-network digit (2 to 6) and passing the Luhn check. All
 * but the last four digits become {@code *}, as PCI DSS allows to display; they are not
 * hashed, because a known prefix and suffix leave too few candidates for a hash to hide.
 */
final class CardNumbers implements ValueDetector {

	private static final int MIN_DIGITS = 13;

	private static final int MAX_DIGITS = 19;

	private static final int VISIBLE_DIGITS = 4;

	@Override
	public String redact(String text, Replacement replacement) {
		char[] redacted = null;
		int length = text.length();
		// A card spans at least MIN_DIGITS characters of digits, spaces and dashes, so
		// probing every MIN_DIGITS-th character finds every candidate run.
		int probe = MIN_DIGITS - 1;
		while (probe < length) {
			if (!isCardChar(text.charAt(probe))) {
				probe += MIN_DIGITS;
				continue;
			}
			int start = probe;
			while (start > 0 && isCardChar(text.charAt(start - 1))) {
				start--;
			}
			int end = probe + 1;
			while (end < length && isCardChar(text.charAt(end))) {
				end++;
			}
			if (end - start >= MIN_DIGITS) {
				redacted = redactRuns(text, start, end, redacted);
			}
			probe = end + MIN_DIGITS;
		}
		return (redacted != null) ? new String(redacted) : text;
	}

	private static char @Nullable [] redactRuns(String text, int from, int to, char @Nullable [] redacted) {
		int i = from;
		while (i < to) {
			if (!isDigit(text.charAt(i))) {
				i++;
				continue;
			}
			int end = endOfDigitRun(text, i);
			if (isCardNumber(text, i, end)) {
				redacted = (redacted != null) ? redacted : text.toCharArray();
				maskAllButLastDigits(redacted, i, end);
			}
			i = end;
		}
		return redacted;
	}

	private static int endOfDigitRun(String text, int start) {
		int end = start + 1;
		while (end < text.length()) {
			char c = text.charAt(end);
			if (isDigit(c)) {
				end++;
			}
			else if ((c == ' ' || c == '-') && end + 1 < text.length() && isDigit(text.charAt(end + 1))) {
				end += 2;
			}
			else {
				break;
			}
		}
		return end;
	}

	private static boolean isCardNumber(String text, int start, int end) {
		if (text.charAt(start) < '2' || text.charAt(start) > '6' || isWordChar(text, start - 1)
				|| isWordChar(text, end)) {
			return false;
		}
		int digits = 0;
		int sum = 0;
		for (int i = end - 1; i >= start; i--) {
			char c = text.charAt(i);
			if (isDigit(c)) {
				int digit = c - '0';
				if (digits % 2 == 1) {
					digit = (digit * 2 > 9) ? digit * 2 - 9 : digit * 2;
				}
				sum += digit;
				digits++;
			}
		}
		return digits >= MIN_DIGITS && digits <= MAX_DIGITS && sum % 10 == 0;
	}

	private static void maskAllButLastDigits(char[] chars, int start, int end) {
		int kept = 0;
		for (int i = end - 1; i >= start; i--) {
			if (isDigit(chars[i]) && kept++ >= VISIBLE_DIGITS) {
				chars[i] = '*';
			}
		}
	}

	private static boolean isWordChar(String text, int index) {
		return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
	}

	private static boolean isCardChar(char c) {
		return isDigit(c) || c == ' ' || c == '-';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
