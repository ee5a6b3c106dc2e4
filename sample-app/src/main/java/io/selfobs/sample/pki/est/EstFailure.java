package io.selfobs.sample.pki.est;

/**
 * An EST request that is answered with an error status and a human-readable text/plain
 * body (RFC 7030 §4.2.3).
 */
public class EstFailure extends RuntimeException {

	private final FailureReason reason;

	private final long retryAfterSeconds;

	public EstFailure(FailureReason reason, String message) {
		this(reason, message, 0);
	}

	public EstFailure(FailureReason reason, String message, long retryAfterSeconds) {
		super(message);
		this.reason = reason;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public FailureReason getReason() {
		return this.reason;
	}

	/**
	 * When the client may retry, for {@code 429}.
	 * @return seconds, 0 when not applicable
	 */
	public long getRetryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
