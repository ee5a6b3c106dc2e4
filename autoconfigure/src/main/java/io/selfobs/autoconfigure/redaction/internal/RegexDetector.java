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
			int groups = matcher.groupCount();
			for (int group = (groups == 0) ? 0 : 1; group <= groups; group++) {
				int start = matcher.start(group);
				String secret = (start >= copied) ? matcher.group(group) : null;
				if (secret != null && !secret.isEmpty() && !replacement.isReplacement(secret)) {
					redacted = (redacted != null) ? redacted : new StringBuilder(text.length());
					redacted.append(text, copied, start).append(replacement.replace(secret));
					copied = matcher.end(group);
				}
			}
		}
		return (redacted != null) ? redacted.append(text, copied, text.length()).toString() : text;
	}

}
