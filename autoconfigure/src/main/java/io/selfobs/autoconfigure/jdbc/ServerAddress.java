package io.selfobs.autoconfigure.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * The database server a JDBC URL names: the first host of the authority after {@code //}
 * ({@code jdbc:postgresql://db:5432/app}, {@code jdbc:h2:tcp://db:9092/x},
 * {@code jdbc:sqlserver://db:1433;databaseName=x}), without user information.
 *
 * @param host the host name or address (an IPv6 address without brackets)
 * @param port the port, or -1 when the URL names none
 */
record ServerAddress(String host, int port) {

	static @Nullable ServerAddress fromJdbcUrl(@Nullable String url) {
		if (url == null) {
			return null;
		}
		int start = url.indexOf("//");
		if (start < 0) {
			return null;
		}
		start += 2;
		int end = start;
		while (end < url.length() && "/;?,".indexOf(url.charAt(end)) < 0) {
			end++;
		}
		int userInfoEnd = url.lastIndexOf('@', end - 1);
		String authority = url.substring((userInfoEnd >= start) ? userInfoEnd + 1 : start, end).strip();
		return authority.isEmpty() ? null : parse(authority);
	}

	private static @Nullable ServerAddress parse(String authority) {
		String host = authority;
		String port = null;
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				return null;
			}
			host = authority.substring(1, close);
			if (authority.startsWith(":", close + 1)) {
				port = authority.substring(close + 2);
			}
		}
		else {
			int colon = authority.lastIndexOf(':');
			if (colon >= 0) {
				host = authority.substring(0, colon);
				port = authority.substring(colon + 1);
			}
		}
		if (host.isEmpty()) {
			return null;
		}
		return new ServerAddress(host, parsePort(port));
	}

	private static int parsePort(@Nullable String port) {
		if (port == null || port.isEmpty() || port.length() > 5) {
			return -1;
		}
		for (int i = 0; i < port.length(); i++) {
			if (!Character.isDigit(port.charAt(i))) {
				return -1;
			}
		}
		return Integer.parseInt(port);
	}

}
