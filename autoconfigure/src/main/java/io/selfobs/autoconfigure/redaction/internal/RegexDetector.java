package io.selfobs.autoconfigure.redaction.internal;

import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ValueDetector} for a regular expression, guarded by a cheap pre-check so that
 * text which cannot match is never scanned by the regex engine. When the pattern has
 * capturing groups only the groups are replaced (so {@code Bearer } survives), otherwise
 * the whole match.
 */
final class RegexDetector implements ValueDetector {

	private final Predicate<String> mightMatch;

	private final Pattern pattern;

	private final Predicate<MatchResult> isSecret;

	RegexDetector(Predicate<String> mightMatch, Pattern pattern) {
		this(mightMatch, pattern, (match) -> true);
	}

	RegexDetector(Predicate<String> mightMatch, Pattern pattern, Predicate<MatchResult> isSecret) {
		this.mightMatch = mightMatch;
		this.pattern = pattern;
		this.isSecret = isSecret;
	}

	@Override
	public String redact(String text, Replacement replacement) {
		if (!this.mightMatch.test(text)) {
			return text;
		}
		Matcher matcher = this.pattern.matcher(text);
		StringBuilder redacted = null;
		int copied = 0;
		while (matcher.find()) {
			if (!this.isSecret.test(matcher)) {
				continue;
			}
			redacted = (redacted != null) ? redacted : new StringBuilder(text.length());
			if (matcher.groupCount() == 0) {
				copied = replace(text, matcher.start(), matcher.end(), copied, redacted, replacement);
			}
			for (int group = 1; group <= matcher.groupCount(); group++) {
				if (matcher.start(group) >= copied) {
					copied = replace(text, matcher.start(group), matcher.end(group), copied, redacted, replacement);
				}
			}
		}
		return (redacted != null) ? redacted.append(text, copied, text.length()).toString() : text;
	}

	private static int replace(String text, int start, int end, int copied, StringBuilder redacted,
			Replacement replacement) {
		String secret = text.substring(start, end);
		if (secret.isEmpty() || replacement.isReplacement(secret)) {
			return copied;
		}
		redacted.append(text, copied, start).append(replacement.replace(secret));
		return end;
	}

}
