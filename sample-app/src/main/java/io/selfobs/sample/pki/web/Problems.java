package io.selfobs.sample.pki.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problem responses of the REST APIs. The type slug is stable: clients (the EST
 * server among them) map on it.
 */
public final class Problems {

	/**
	 * Prefix of every problem type URI.
	 */
	public static final String TYPE_PREFIX = "urn:selfobs:pki:problem:";

	private Problems() {
	}

	public static ErrorResponseException of(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(status.getReasonPhrase());
		return new ErrorResponseException(status, problem, null);
	}

	public static ErrorResponseException notFound(String what, String id) {
		return of(HttpStatus.NOT_FOUND, "not-found", what + " '" + id + "' does not exist");
	}

	public static ErrorResponseException badRequest(String type, String detail) {
		return of(HttpStatus.BAD_REQUEST, type, detail);
	}

	public static ErrorResponseException conflict(String type, String detail) {
		return of(HttpStatus.CONFLICT, type, detail);
	}

	/**
	 * The type slug of a problem type URI, or {@code null} when it is not one of ours.
	 * @param type the type URI
	 * @return the slug
	 */
	public static @Nullable String slug(@Nullable URI type) {
		String value = (type != null) ? type.toString() : "";
		return value.startsWith(TYPE_PREFIX) ? value.substring(TYPE_PREFIX.length()) : null;
	}

}
