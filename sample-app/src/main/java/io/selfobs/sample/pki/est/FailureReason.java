package io.selfobs.sample.pki.est;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * Why an EST request failed, with the status it is answered with. The lower-case name is
 * the {@code failure_reason} metric label and log field.
 */
public enum FailureReason {

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE), REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
	INVALID_BASE64(HttpStatus.BAD_REQUEST), MALFORMED_CSR(HttpStatus.BAD_REQUEST),
	INVALID_CSR_SIGNATURE(HttpStatus.BAD_REQUEST), AUTH_REQUIRED(HttpStatus.UNAUTHORIZED),
	AUTH_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, true), CLIENT_CERT_UNTRUSTED(HttpStatus.FORBIDDEN, true),
	CLIENT_CERT_EXPIRED(HttpStatus.FORBIDDEN, true), CLIENT_CERT_REVOKED(HttpStatus.FORBIDDEN, true),
	CLIENT_CERT_WRONG_DMS(HttpStatus.FORBIDDEN, true), SUBJECT_MISMATCH(HttpStatus.FORBIDDEN, true),
	DEVICE_NOT_REGISTERED(HttpStatus.FORBIDDEN, true), DEVICE_IN_OTHER_DMS(HttpStatus.CONFLICT, true),
	ENROLLMENT_CONFLICT(HttpStatus.CONFLICT), UNKNOWN_DMS(HttpStatus.NOT_FOUND), CA_NOT_ACTIVE(HttpStatus.CONFLICT),
	POLICY_VIOLATION(HttpStatus.BAD_REQUEST), INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR);

	private final HttpStatus status;

	private final boolean security;

	FailureReason(HttpStatus status) {
		this(status, false);
	}

	FailureReason(HttpStatus status, boolean security) {
		this.status = status;
		this.security = security;
	}

	public HttpStatus status() {
		return this.status;
	}

	/**
	 * Whether a refusal for this reason is a security event: a credential or identity
	 * that was presented and refused (a missing credential is the normal first step of
	 * RFC 7030's challenge, not one).
	 * @return whether it is
	 */
	public boolean isSecurityEvent() {
		return this.security;
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
