package io.selfobs.autoconfigure.redaction.internal.detector;

import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.redaction.internal.Replacement;

/**
 * A {@link ValueDetector} for a regular expression, guarded by a cheap pre-check (a
 * substring search) that tells where a match can start at the earliest, so that text
 * which cannot match is never scanned by the regex engine, and text which can is scanned
 * from the right place. When the pattern has capturing groups only the groups are
 * replaced (so {@code Bearer } survives), otherwise the whole match. Internal, not API.
 */
public final class RegexDetector implements ValueDetector {

	private final ToIntFunction<String> earliestStart;

	private final Pattern pattern;

	private final Predicate<MatchResult> isSecret;

	/**
	 * Create a detector.
	 * @param earliestStart where in a text a match can start at the earliest, or
	 * {@code -1} if the text cannot match
	 * @param pattern the pattern
	 */
	public RegexDetector(ToIntFunction<String> earliestStart, Pattern pattern) {
		this(earliestStart, pattern, (match) -> true);
	}

	RegexDetector(ToIntFunction<String> earliestStart, Pattern pattern, Predicate<MatchResult> isSecret) {
		this.earliestStart = earliestStart;
		this.pattern = pattern;
		this.isSecret = isSecret;
	}

	@Override
	public String redact(String text, Replacement replacement) {
		int start = this.earliestStart.applyAsInt(text);
		if (start < 0) {
			return text;
		}
		Matcher matcher = this.pattern.matcher(text);
		StringBuilder redacted = null;
		int copied = 0;
		boolean found = matcher.find(start);
		for (; found; found = matcher.find()) {
			if (!this.isSecret.test(matcher)) {
				continue;
			}
			int groups = matcher.groupCount();
			for (int group = (groups == 0) ? 0 : 1; group <= groups; group++) {
				int groupStart = matcher.start(group);
				String secret = (groupStart >= copied) ? matcher.group(group) : null;
				if (secret != null && !secret.isEmpty() && !replacement.isReplacement(secret)) {
					redacted = (redacted != null) ? redacted : new StringBuilder(text.length());
					redacted.append(text, copied, groupStart).append(replacement.replace(secret));
					copied = matcher.end(group);
				}
			}
		}
		return (redacted != null) ? redacted.append(text, copied, text.length()).toString() : text;
	}

}
