package io.selfobs.sample.pki.est.authority;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.selfobs.sample.pki.ca.CaStatus;
import io.selfobs.sample.pki.ca.certificate.CertificateStatus;
import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * What the EST server needs from the CA: in process when this instance also plays the CA
 * role, over the CA API otherwise. Both report a refusal the same way, as the CA API's
 * problem ({@link CaCallException}).
 */
public interface CertificateAuthority {

	/**
	 * A CA.
	 * @param id the CA id
	 * @return the CA, empty when it does not exist
	 */
	Optional<CaInfo> ca(String id);

	/**
	 * An issued certificate.
	 * @param serial the serial number in hex
	 * @return the certificate, empty when the CA never issued it
	 */
	Optional<CertificateInfo> certificate(String serial);

	/**
	 * Sign a CSR whose proof of possession the EST server already verified.
	 * @param caId the issuing CA
	 * @param csr the request
	 * @param validityDays the requested validity
	 * @return the issued certificate
	 * @throws CaCallException when the CA refuses
	 */
	CertificateInfo sign(String caId, Csr csr, int validityDays);

	/**
	 * Whether {@link #sign} writes in the caller's transaction, so that a rollback of the
	 * enrollment undoes it.
	 * @return {@code true} for the in-process CA
	 */
	boolean joinsTransactions();

	record CaInfo(String id, CaStatus status, String certificate, List<String> chain, Instant notAfter) {
	}

	record CertificateInfo(String serial, String caId, CertificateStatus status, String certificate, Instant notAfter) {
	}

	/**
	 * A refusal of the CA, as the CA API answers it.
	 *
	 * @param status the HTTP status
	 * @param problemType the problem type slug, or {@code null}
	 * @param detail the problem detail
	 */
	record CaProblem(HttpStatus status, @Nullable String problemType, String detail) {

		static CaProblem of(HttpStatusCode status, @Nullable ProblemDetail problem, String fallbackDetail) {
			HttpStatus known = HttpStatus.valueOf(status.value());
			if (problem == null) {
				return new CaProblem(known, null, fallbackDetail);
			}
			String detail = problem.getDetail();
			return new CaProblem(known, Problems.slug(problem.getType()), (detail != null) ? detail : fallbackDetail);
		}

	}

	final class CaCallException extends RuntimeException {

		private final CaProblem problem;

		CaCallException(CaProblem problem) {
			super("CA answered " + problem.status().value() + ": " + problem.detail());
			this.problem = problem;
		}

		public CaProblem problem() {
			return this.problem;
		}

	}

}
