package io.selfobs.autoconfigure.systemhealth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Escaping and formatting for the page. Internal, not API.
 */
final class Html {

	private Html() {
	}

	/**
	 * Escape text for an HTML element or a quoted attribute.
	 * @param text the text, may be {@code null}
	 * @return the escaped text, empty for {@code null}
	 */
	static String escape(@Nullable Object text) {
		if (text == null) {
			return "";
		}
		String value = text.toString();
		StringBuilder escaped = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * A duration for people: {@code 42 s}, {@code 3 min 5 s}, {@code 2 h 10 min},
	 * {@code 3 d 4 h}.
	 * @param duration the duration
	 * @return the text
	 */
	static String duration(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + " h " + ((seconds % 3600) / 60) + " min";
		}
		return (seconds / 86400) + " d " + ((seconds % 86400) / 3600) + " h";
	}

	/**
	 * A past instant as UTC time and age.
	 * @param instant the instant, may be {@code null}
	 * @param now the present
	 * @param never text for {@code null}
	 * @return the text
	 */
	static String since(@Nullable Instant instant, Instant now, String never) {
		if (instant == null) {
			return never;
		}
		return instant.truncatedTo(ChronoUnit.SECONDS) + " (" + duration(Duration.between(instant, now)) + " ago)";
	}

}
