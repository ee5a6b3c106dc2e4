package io.selfobs.sample.pki.ca;

import java.time.Instant;
import java.util.regex.Pattern;

import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.web.Problems;
import org.bouncycastle.asn1.x500.X500Name;
import org.jspecify.annotations.Nullable;

/**
 * The limits every CA request is checked against, each refusal a {@code 400} or
 * {@code 409} problem.
 */
public final class IssuancePolicy {

	static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	static final int MAX_NAME = 200;

	private static final int MAX_VALIDITY_DAYS = 36500;

	private IssuancePolicy() {
	}

	public static int validityDays(@Nullable Integer requested, int fallback) {
		int days = (requested != null) ? requested : fallback;
		if (days < 1 || days > MAX_VALIDITY_DAYS) {
			throw Problems.badRequest("invalid-validity", "validityDays must be between 1 and " + MAX_VALIDITY_DAYS);
		}
		return days;
	}

	public static CaRecord requireActive(CaRecord ca) {
		if (!ca.canSign(Instant.now())) {
			throw Problems.conflict("ca-not-active", "CA '" + ca.id() + "' is "
					+ ((ca.status() == CaStatus.ACTIVE) ? "expired" : ca.status()) + " and signs nothing");
		}
		return ca;
	}

	static X500Name subject(@Nullable String subject) {
		if (subject != null && subject.length() <= Csr.MAX_SUBJECT) {
			try {
				X500Name name = new X500Name(subject);
				String commonName = Csr.commonName(name);
				if (commonName != null && Csr.commonNameProblem(commonName) == null
						&& name.toString().length() <= Csr.MAX_SUBJECT) {
					return name;
				}
			}
			catch (RuntimeException ex) {
				// reported below
			}
		}
		throw Problems.badRequest("invalid-subject",
				"subject must be an X.500 name of at most " + Csr.MAX_SUBJECT + " characters with a CN of 1.."
						+ Csr.MAX_COMMON_NAME + " characters, for example " + "'CN=Devices CA,O=Example'");
	}

}
