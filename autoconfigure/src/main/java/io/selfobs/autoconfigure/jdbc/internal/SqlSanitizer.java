package io.selfobs.autoconfigure.jdbc.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strips literal values from SQL statements for span attributes: string literals (with
 * {@code ''} and backslash escapes, {@code N'…'}, {@code E'…'}, {@code X'…'} and other
 * prefixes, PostgreSQL dollar quoting) and numeric literals (integers, decimals,
 * exponents, hexadecimal) become {@code ?}; comments, which may carry anything, are
 * removed. Identifiers ({@code "quoted"} as in standard SQL, {@code `quoted`},
 * {@code [quoted]}, names containing digits), keywords, operators and bind markers
 * ({@code ?}, {@code :name}, {@code $1}) are kept. When in doubt (an unterminated string
 * or comment) the rest of the statement becomes {@code ?}: a literal must never leak, a
 * statement may be less readable.
 * <p>
 * One pass, no regular expressions. Results are cached (at most {@value #CACHE_SIZE}
 * statements of at most {@value #MAX_CACHED_LENGTH} characters; when full, further
 * statements are sanitized each time, not cached), because applications run the same
 * statements over and over. Internal, not API.
 */
public final class SqlSanitizer {

	static final int CACHE_SIZE = 1024;

	static final int MAX_CACHED_LENGTH = 4096;

	private final Map<String, String> cache = new ConcurrentHashMap<>();

	/**
	 * The statement without literals, from the cache when it was seen before.
	 * @param sql the statement as executed
	 * @return the sanitized statement
	 */
	public String sanitize(String sql) {
		if (sql == null) {
			return "?";
		}
		String cached = this.cache.get(sql);
		if (cached != null) {
			return cached;
		}
		String sanitized = stripLiterals(sql);
		if (sql.length() <= MAX_CACHED_LENGTH && this.cache.size() < CACHE_SIZE) {
			this.cache.putIfAbsent(sql, sanitized);
		}
		return sanitized;
	}

	int cacheSize() {
		return this.cache.size();
	}

	/**
	 * Strip a statement without the cache.
	 * @param sql the statement
	 * @return the sanitized statement
	 */
	public static String stripLiterals(String sql) {
		int length = sql.length();
		StringBuilder out = new StringBuilder(length);
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '\'') {
				i = skipQuoted(sql, i, '\'', true);
				appendPlaceholder(out);
			}
			else if (c == '-' && next(sql, i) == '-') {
				i = skipLineComment(sql, i);
				appendSpace(out);
			}
			else if (c == '/' && next(sql, i) == '*') {
				i = skipBlockComment(sql, i);
				appendSpace(out);
				while (i < length && sql.charAt(i) == ' ') {
					i++;
				}
			}
			else if (c == '"' || c == '`') {
				int end = skipQuoted(sql, i, c, false);
				out.append(sql, i, end);
				i = end;
			}
			else if (c == '[' && !isIdentifierPart(previous(out))) {
				int close = sql.indexOf(']', i + 1);
				int end = (close < 0) ? length : close + 1;
				out.append(sql, i, end);
				i = end;
			}
			else if (c == '$' && isDollarQuoteStart(sql, i)) {
				i = skipDollarQuoted(sql, i);
				appendPlaceholder(out);
			}
			else if (isDigit(c) || (c == '.' && isDigit(next(sql, i)))) {
				if (isIdentifierPart(previous(out))) {
					// part of a name such as t1 or col_2, or a bind marker such as $1 or
					// :p1
					int end = skipIdentifier(sql, i);
					out.append(sql, i, end);
					i = end;
				}
				else {
					i = skipNumber(sql, i);
					appendPlaceholder(out);
				}
			}
			else if (isIdentifierStart(c)) {
				int end = skipIdentifier(sql, i);
				if (end < length && sql.charAt(end) == '\'' && isStringPrefix(sql, i, end)) {
					// N'…', E'…', X'…', B'…', _utf8'…', Oracle's q'[…]': the prefix goes
					// with the literal
					char last = Character.toUpperCase(sql.charAt(end - 1));
					i = (last == 'Q') ? skipAlternativeQuoted(sql, end) : skipQuoted(sql, end, '\'', true);
					appendPlaceholder(out);
				}
				else {
					out.append(sql, i, end);
					i = end;
				}
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	private static void appendPlaceholder(StringBuilder out) {
		out.append('?');
	}

	private static void appendSpace(StringBuilder out) {
		if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
			out.append(' ');
		}
	}

	/**
	 * Skip a quoted run from its opening quote; a doubled quote is an escaped quote, and
	 * in string literals so is a backslash-escaped one (MySQL, PostgreSQL {@code E''}):
	 * treating it so can only hide more, never less.
	 * @return the index after the closing quote, or the length when unterminated
	 */
	private static int skipQuoted(String sql, int open, char quote, boolean backslashEscapes) {
		int length = sql.length();
		int i = open + 1;
		while (i < length) {
			char c = sql.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
			}
			else if (c == quote) {
				if (i + 1 < length && sql.charAt(i + 1) == quote) {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return length;
	}

	/**
	 * Oracle's {@code q'[…]'}: the character after the quote opens, its closing
	 * counterpart followed by a quote closes.
	 */
	private static int skipAlternativeQuoted(String sql, int quote) {
		if (quote + 1 >= sql.length()) {
			return sql.length();
		}
		char open = sql.charAt(quote + 1);
		char close = switch (open) {
			case '[' -> ']';
			case '(' -> ')';
			case '{' -> '}';
			case '<' -> '>';
			default -> open;
		};
		int end = sql.indexOf(close + "'", quote + 2);
		return (end < 0) ? sql.length() : end + 2;
	}

	private static int skipLineComment(String sql, int start) {
		int end = sql.indexOf('\n', start);
		return (end < 0) ? sql.length() : end;
	}

	private static int skipBlockComment(String sql, int start) {
		int end = sql.indexOf("*/", start + 2);
		return (end < 0) ? sql.length() : end + 2;
	}

	/**
	 * {@code $$} or {@code $tag$} (a tag is an identifier), but not a bind marker such as
	 * {@code $1}.
	 */
	private static boolean isDollarQuoteStart(String sql, int i) {
		int j = i + 1;
		if (j < sql.length() && isDigit(sql.charAt(j))) {
			return false;
		}
		while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
			j++;
		}
		return j < sql.length() && sql.charAt(j) == '$';
	}

	private static int skipDollarQuoted(String sql, int start) {
		int tagEnd = sql.indexOf('$', start + 1) + 1;
		String tag = sql.substring(start, tagEnd);
		int close = sql.indexOf(tag, tagEnd);
		return (close < 0) ? sql.length() : close + tag.length();
	}

	private static int skipNumber(String sql, int start) {
		int length = sql.length();
		int i = start;
		if (sql.charAt(i) == '0' && i + 1 < length && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
			i += 2;
			while (i < length && Character.digit(sql.charAt(i), 16) >= 0) {
				i++;
			}
			return i;
		}
		while (i < length && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
			i++;
		}
		if (i < length && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
			int j = i + 1;
			if (j < length && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
				j++;
			}
			if (j < length && isDigit(sql.charAt(j))) {
				i = j;
				while (i < length && isDigit(sql.charAt(i))) {
					i++;
				}
			}
		}
		// a suffix such as 10L or 1.5f (some dialects) belongs to the literal
		while (i < length && isIdentifierPart(sql.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipIdentifier(String sql, int start) {
		int i = start;
		while (i < sql.length() && isIdentifierPart(sql.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isStringPrefix(String sql, int start, int end) {
		int length = end - start;
		if (sql.charAt(start) == '_') {
			// MySQL character set introducer, e.g. _utf8mb4'…'
			return true;
		}
		if (length == 1) {
			char c = Character.toUpperCase(sql.charAt(start));
			return c == 'N' || c == 'E' || c == 'X' || c == 'B' || c == 'Q';
		}
		return length == 2 && sql.regionMatches(true, start, "NQ", 0, 2);
	}

	private static char next(String sql, int i) {
		return (i + 1 < sql.length()) ? sql.charAt(i + 1) : '\0';
	}

	private static char previous(StringBuilder out) {
		return (out.length() > 0) ? out.charAt(out.length() - 1) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_';
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == ':';
	}

}
