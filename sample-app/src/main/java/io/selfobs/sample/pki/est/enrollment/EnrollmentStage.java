package io.selfobs.sample.pki.est.enrollment;

import java.util.Locale;

/**
 * The stages of the enrollment funnel, in order; the lower-case name is the {@code stage}
 * label of {@code est.enrollment}.
 */
public enum EnrollmentStage {

	RECEIVED, AUTHENTICATED, VALIDATED, SIGNED, ISSUED;

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
