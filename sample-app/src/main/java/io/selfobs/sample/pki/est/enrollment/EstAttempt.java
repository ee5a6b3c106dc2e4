package io.selfobs.sample.pki.est.enrollment;

import io.selfobs.sample.pki.est.EstOperation;

/**
 * What is known about a request so far, for the metric labels of its outcome. Unknown DMS
 * labels are reported as {@code unknown} to keep label values bounded.
 */
public final class EstAttempt {

	private final EstOperation operation;

	private String dmsId = "unknown";

	public EstAttempt(EstOperation operation) {
		this.operation = operation;
	}

	public EstOperation operation() {
		return this.operation;
	}

	public String dmsId() {
		return this.dmsId;
	}

	public void dmsFound(String dmsId) {
		this.dmsId = dmsId;
	}

}
