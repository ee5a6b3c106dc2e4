package io.selfobs.sample.pki.est.authority;

import java.time.Instant;
import java.util.Optional;

import io.selfobs.sample.pki.ca.CaService;
import io.selfobs.sample.pki.ca.certificate.CertificateIssuer;
import io.selfobs.sample.pki.ca.certificate.CertificateRecord;
import io.selfobs.sample.pki.ca.certificate.CertificateService;
import io.selfobs.sample.pki.crypto.x509.Csr;

import org.springframework.web.ErrorResponseException;

/**
 * The CA of this same instance, called directly: no HTTP hop, no credential check, and
 * the CA's observations (such as {@code ca sign}) are children of the EST operation's.
 */
final class InProcessCertificateAuthority implements CertificateAuthority {

	private final CaService cas;

	private final CertificateService certificates;

	private final CertificateIssuer issuer;

	InProcessCertificateAuthority(CaService cas, CertificateService certificates, CertificateIssuer issuer) {
		this.cas = cas;
		this.certificates = certificates;
		this.issuer = issuer;
	}

	@Override
	public Optional<CaInfo> ca(String id) {
		return this.cas.find(id)
			.map((view) -> new CaInfo(view.id(), view.status(), view.certificate(), view.chain(), view.notAfter()));
	}

	@Override
	public Optional<CertificateInfo> certificate(String serial) {
		return this.certificates.findCertificate(serial).map(InProcessCertificateAuthority::info);
	}

	@Override
	public CertificateInfo sign(String caId, Csr csr, int validityDays) {
		try {
			return info(this.issuer.sign(caId, csr, validityDays));
		}
		catch (ErrorResponseException ex) {
			throw new CaCallException(CaProblem.of(ex.getStatusCode(), ex.getBody(), ex.getMessage()));
		}
	}

	private static CertificateInfo info(CertificateRecord record) {
		return new CertificateInfo(record.serial(), record.caId(), record.effectiveStatus(Instant.now()),
				record.certificatePem(), record.notAfter());
	}

	@Override
	public boolean joinsTransactions() {
		return true;
	}

}
