package io.selfobs.autoconfigure.logging.internal.request;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * Ant-style path patterns, matched as {@link AntPathMatcher} matches them. The patterns
 * users list most (a literal path such as {@code /healthz}, a literal directory and
 * everything under it such as {@code /actuator/**}) are answered by string comparison,
 * without tokenizing the path per request; other patterns, and paths with empty segments,
 * go to the matcher.
 */
final class RequestPathPatterns {

	private static final String ANY_BELOW = "/**";

	private final AntPathMatcher matcher = new AntPathMatcher();

	// arrays, not lists: matched on every request, without an iterator

	private final String[] all;

	private final String[] literals;

	/**
	 * Literal directories: {@code /actuator} for {@code /actuator/**}.
	 */
	private final String[] directories;

	private final String[] others;

	RequestPathPatterns(List<String> patterns) {
		this.all = patterns.toArray(new String[0]);
		List<String> literals = new ArrayList<>();
		List<String> directories = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (String pattern : this.all) {
			String directory = pattern.endsWith(ANY_BELOW) ? pattern.substring(0, pattern.length() - ANY_BELOW.length())
					: null;
			if (isLiteral(pattern)) {
				literals.add(pattern);
			}
			else if (directory != null && !directory.isEmpty() && isLiteral(directory)) {
				directories.add(directory);
			}
			else {
				others.add(pattern);
			}
		}
		this.literals = literals.toArray(new String[0]);
		this.directories = directories.toArray(new String[0]);
		this.others = others.toArray(new String[0]);
	}

	/**
	 * A pattern the matcher reads as plain text: no wildcard, no URI template variable,
	 * no empty segment (which the matcher ignores).
	 */
	private static boolean isLiteral(String pattern) {
		return pattern.startsWith("/") && pattern.indexOf('*') == -1 && pattern.indexOf('?') == -1
				&& pattern.indexOf('{') == -1 && !pattern.contains("//");
	}

	boolean matches(String path) {
		if (path.contains("//")) {
			return matchesAny(this.all, path);
		}
		for (String literal : this.literals) {
			if (path.equals(literal)) {
				return true;
			}
		}
		for (String directory : this.directories) {
			if (path.startsWith(directory)
					&& (path.length() == directory.length() || path.charAt(directory.length()) == '/')) {
				return true;
			}
		}
		return matchesAny(this.others, path);
	}

	private boolean matchesAny(String[] patterns, String path) {
		for (String pattern : patterns) {
			if (this.matcher.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

}
