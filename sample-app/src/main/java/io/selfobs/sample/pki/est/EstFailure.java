package io.selfobs.sample.pki.est;

/**
 * An EST request that is answered with an error status and a human-readable text/plain body (RFC 7030 §4.2.3).
 */
public class EstFailure extends RuntimeException {

	private final FailureReason reason;

	EstFailure(FailureReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public FailureReason getReason() {
		return this.reason;
	}

}
