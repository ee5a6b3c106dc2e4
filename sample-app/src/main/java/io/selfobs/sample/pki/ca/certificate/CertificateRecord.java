package io.selfobs.sample.pki.ca.certificate;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An issued certificate as stored.
 *
 * @param serial the serial number in lower-case hex
 * @param caId the issuing CA
 * @param subject the subject DN
 * @param subjectCn the subject common name
 * @param status {@code ACTIVE} or {@code REVOKED} (expiry is derived from
 * {@code notAfter})
 * @param certificatePem the certificate
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param issuedAt when it was issued
 * @param revocationReason the RFC 5280 reason when revoked
 * @param revokedAt when it was revoked
 */
public record CertificateRecord(String serial, String caId, String subject, @Nullable String subjectCn,
		CertificateStatus status, String certificatePem, Instant notBefore, Instant notAfter, Instant issuedAt,
		@Nullable RevocationReason revocationReason, @Nullable Instant revokedAt) {

	/**
	 * Status as a user sees it: {@code EXPIRED} once past {@code notAfter} unless
	 * revoked.
	 * @param now the current time
	 * @return the effective status
	 */
	public CertificateStatus effectiveStatus(Instant now) {
		return (this.status == CertificateStatus.ACTIVE && now.isAfter(this.notAfter)) ? CertificateStatus.EXPIRED
				: this.status;
	}

}
