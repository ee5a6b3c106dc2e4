package io.selfobs.sample.pki.est;

/**
 * What is known about a request so far, for the metric labels of its outcome. Unknown DMS
 * labels are reported as {@code unknown} to keep label values bounded.
 */
final class EstAttempt {

	private final EstOperation operation;

	private String dmsId = "unknown";

	EstAttempt(EstOperation operation) {
		this.operation = operation;
	}

	EstOperation operation() {
		return this.operation;
	}

	String dmsId() {
		return this.dmsId;
	}

	void dmsFound(String dmsId) {
		this.dmsId = dmsId;
	}

}
