package io.selfobs.sample.pki.crypto;

/**
 * A certificate signing request that cannot be accepted, with the reason why.
 */
public class CsrException extends RuntimeException {

	private final Reason reason;

	CsrException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a CSR is rejected.
	 */
	public enum Reason {

		MALFORMED, INVALID_SIGNATURE, POLICY_VIOLATION

	}

}
