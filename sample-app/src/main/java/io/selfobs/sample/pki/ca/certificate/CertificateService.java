package io.selfobs.sample.pki.ca.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.selfobs.sample.pki.ca.CaMetrics;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.outbox.OutboxPublisher;
import io.selfobs.sample.pki.security.SecurityEvents;
import io.selfobs.sample.pki.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issued certificates: lookup, filtered listing and revocation. A revocation, its
 * {@code certificate.revoked} event and the update of the device holding the certificate
 * commit together.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.CA)
public class CertificateService {

	private static final int MAX_PAGE = 500;

	private final CertificateRepository repository;

	private final OutboxPublisher outbox;

	private final SecurityEvents securityEvents;

	private final ApplicationEventPublisher applicationEvents;

	private final CaMetrics metrics;

	CertificateService(CertificateRepository repository, OutboxPublisher outbox, SecurityEvents securityEvents,
			ApplicationEventPublisher applicationEvents, CaMetrics metrics) {
		this.repository = repository;
		this.outbox = outbox;
		this.securityEvents = securityEvents;
		this.applicationEvents = applicationEvents;
		this.metrics = metrics;
	}

	public CertificateRecord certificate(String serial) {
		return findCertificate(serial).orElseThrow(() -> Problems.notFound("Certificate", serial));
	}

	public Optional<CertificateRecord> findCertificate(String serial) {
		return this.repository.findCertificate(normalizeSerial(serial));
	}

	public List<CertificateRecord> certificates(@Nullable String caId, @Nullable String status,
			@Nullable Instant expiringBefore, @Nullable Integer limit) {
		CertificateStatus filter = (status != null) ? CertificateStatus.parse(status) : null;
		if (status != null && filter == null) {
			throw Problems.badRequest("invalid-filter", "status must be one of " + CertificateStatus.allowed());
		}
		int size = (limit != null) ? Math.max(1, Math.min(limit, MAX_PAGE)) : 100;
		return this.repository.findCertificates(caId, filter, expiringBefore, Instant.now(), size);
	}

	@Transactional
	public CertificateRecord revoke(String serial, @Nullable String reasonName) {
		RevocationReason reason = (reasonName != null) ? RevocationReason.parse(reasonName)
				: RevocationReason.UNSPECIFIED;
		if (reason == null) {
			throw Problems.badRequest("invalid-reason",
					"reason must be an RFC 5280 CRL reason: " + RevocationReason.allowed());
		}
		CertificateRecord certificate = certificate(serial);
		if (!this.repository.revoke(certificate.serial(), reason, Instant.now())) {
			throw Problems.conflict("already-revoked", "Certificate " + certificate.serial() + " is already revoked");
		}
		this.outbox.publish("certificate.revoked", certificate.serial(),
				Map.of("serial", certificate.serial(), "ca_id", certificate.caId(), "reason", reason.rfcName()));
		this.applicationEvents.publishEvent(new CertificateRevokedEvent(certificate.serial()));
		this.metrics.revoked(certificate.caId(), reason);
		this.securityEvents.record("iam", "change", "certificate-revoked", "success", Map.of("pki.ca_id",
				certificate.caId(), "pki.serial", certificate.serial(), "pki.reason", reason.rfcName()),
				"Certificate revoked");
		return this.repository.findCertificate(certificate.serial()).orElseThrow();
	}

	static String normalizeSerial(String serial) {
		return serial.replace(":", "").toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
	}

}
