package io.selfobs.sample.pki.est;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * Why an EST request failed, with the status it is answered with. The lower-case name is the
 * {@code failure_reason} metric label and log field.
 */
public enum FailureReason {

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE), INVALID_BASE64(HttpStatus.BAD_REQUEST),
	MALFORMED_CSR(HttpStatus.BAD_REQUEST), INVALID_CSR_SIGNATURE(HttpStatus.BAD_REQUEST),
	AUTH_REQUIRED(HttpStatus.UNAUTHORIZED), CLIENT_CERT_UNTRUSTED(HttpStatus.FORBIDDEN),
	CLIENT_CERT_EXPIRED(HttpStatus.FORBIDDEN), CLIENT_CERT_REVOKED(HttpStatus.FORBIDDEN),
	SUBJECT_MISMATCH(HttpStatus.FORBIDDEN), DEVICE_NOT_REGISTERED(HttpStatus.FORBIDDEN),
	UNKNOWN_DMS(HttpStatus.NOT_FOUND), CA_NOT_ACTIVE(HttpStatus.CONFLICT), POLICY_VIOLATION(HttpStatus.BAD_REQUEST),
	INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR);

	private final HttpStatus status;

	FailureReason(HttpStatus status) {
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
