package io.selfobs.autoconfigure.metrics.internal.http;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The stable HTTP semantic conventions' rules for the attribute values the server and
 * client conventions share.
 */
final class HttpSemconv {

	static final String SERVER_NAME = "http.server.request.duration";

	static final String CLIENT_NAME = "http.client.request.duration";

	static final String METHOD = "http.request.method";

	static final String STATUS = "http.response.status_code";

	static final String ROUTE = "http.route";

	static final String SCHEME = "url.scheme";

	static final String SERVER_ADDRESS = "server.address";

	static final String ERROR_TYPE = "error.type";

	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "QUERY");

	private HttpSemconv() {
	}

	/** A standard method, or {@code _OTHER}. */
	static String method(@Nullable String method) {
		String upper = (method != null) ? method.toUpperCase(Locale.ROOT) : "";
		return KNOWN_METHODS.contains(upper) ? upper : "_OTHER";
	}

	/**
	 * A server request failed when it answered 5xx (or never answered): a handled
	 * exception behind a 4xx is the client's mistake, not an error of the server.
	 * @param error the exception seen, or null
	 * @param status the response status, 0 if none
	 * @return the error type, or null on success
	 */
	static @Nullable String serverErrorType(@Nullable Throwable error, int status) {
		return (status > 0 && status < 500) ? null : errorType(error, status);
	}

	/**
	 * A client request failed when it got no response or a 4xx/5xx.
	 * @param error the exception seen, or null
	 * @param status the response status, 0 if none
	 * @return the error type, or null on success
	 */
	static @Nullable String clientErrorType(@Nullable Throwable error, int status) {
		return (error == null && status > 0 && status < 400) ? null : errorType(error, status);
	}

	private static @Nullable String errorType(@Nullable Throwable error, int status) {
		if (error != null) {
			String name = error.getClass().getSimpleName();
			return StringUtils.hasText(name) ? name : "_OTHER";
		}
		return (status > 0) ? Integer.toString(status) : null;
	}

}
