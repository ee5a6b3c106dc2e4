package io.selfobs.sample.pki.est;

import java.util.Locale;

/**
 * The stages of the enrollment funnel, in order; the lower-case name is the {@code stage}
 * label of {@code est.enrollment}.
 */
enum EnrollmentStage {

	RECEIVED, AUTHENTICATED, VALIDATED, SIGNED, ISSUED;

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
