package io.selfobs.sample.pki.est;

import java.util.Locale;

/**
 * The EST operations this server answers (RFC 7030 §3.2.2). The lower-case name is the
 * {@code operation} metric label, log field and span name part.
 */
public enum EstOperation {

	CACERTS, CSRATTRS, SIMPLEENROLL, SIMPLEREENROLL;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
