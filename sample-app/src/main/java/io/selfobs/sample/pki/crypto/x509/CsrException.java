package io.selfobs.sample.pki.crypto.x509;

/**
 * A certificate signing request that cannot be accepted, with the reason why.
 */
public class CsrException extends RuntimeException {

	private final Reason reason;

	private final String detail;

	CsrException(Reason reason, String message) {
		super(message);
		this.reason = reason;
		this.detail = message;
	}

	/**
	 * Why the CSR is rejected, never {@code null}.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return this.detail;
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
