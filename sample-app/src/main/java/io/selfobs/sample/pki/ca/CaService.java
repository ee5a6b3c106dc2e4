package io.selfobs.sample.pki.ca;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selfobs.sample.pki.ca.certificate.CertificateIssuer;
import io.selfobs.sample.pki.ca.certificate.CertificateService;
import io.selfobs.sample.pki.ca.certificate.CrlIssuer;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.CryptoEngine;
import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import io.selfobs.sample.pki.crypto.x509.Certificates;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.security.SecurityEvents;
import io.selfobs.sample.pki.web.Problems;
import org.bouncycastle.asn1.x500.X500Name;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life cycle of CAs: creation (root or subordinate), listing and deletion. Signing is
 * the {@link CertificateIssuer}'s, revocation the {@link CertificateService}'s, CRLs the
 * {@link CrlIssuer}'s.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.CA)
public class CaService {

	private final CaRepository repository;

	private final CryptoEngine engine;

	private final SecurityEvents securityEvents;

	private final CaMetrics metrics;

	CaService(CaRepository repository, CryptoEngine engine, SecurityEvents securityEvents, CaMetrics metrics) {
		this.repository = repository;
		this.engine = engine;
		this.securityEvents = securityEvents;
		this.metrics = metrics;
	}

	@Transactional
	public CaView create(NewCa request) {
		String id = (request.id() != null) ? request.id() : UUID.randomUUID().toString();
		if (!IssuancePolicy.ID.matcher(id).matches()) {
			throw Problems.badRequest("invalid-id", "id must match " + IssuancePolicy.ID.pattern());
		}
		if (request.name() == null || request.name().isBlank() || request.name().length() > IssuancePolicy.MAX_NAME) {
			throw Problems.badRequest("invalid-name",
					"name is required, at most " + IssuancePolicy.MAX_NAME + " characters");
		}
		X500Name subject = IssuancePolicy.subject(request.subject());
		int validityDays = IssuancePolicy.validityDays(request.validityDays(), 3650);
		KeyAlgorithm algorithm = (request.keyAlgorithm() != null) ? request.keyAlgorithm() : KeyAlgorithm.ECDSA_P256;
		if (this.repository.findById(id).isPresent()) {
			throw Problems.conflict("already-exists", "CA '" + id + "' already exists");
		}
		String parentId = request.parentId();
		CaRecord parent = (parentId != null) ? IssuancePolicy.requireActive(
				this.repository.findById(parentId).orElseThrow(() -> Problems.notFound("CA", parentId))) : null;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant notAfter = now.plus(Duration.ofDays(validityDays));
		if (parent != null && notAfter.isAfter(parent.notAfter())) {
			notAfter = parent.notAfter();
		}
		CryptoEngine.GeneratedKey key = this.engine.generateKey(algorithm);
		X509Certificate certificate = selfOrParentSigned(
				Certificates.Template.ca(subject, key.publicKey(), now.minusSeconds(60), notAfter), key, algorithm,
				parent);
		CaRecord ca = new CaRecord(id, request.name(), request.parentId(), subject.toString(), algorithm,
				this.engine.id(), CaStatus.ACTIVE, Pem.encode(certificate), key.keyReference(),
				certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now);
		try {
			this.repository.insert(ca);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent create of the same id committed first
			throw Problems.conflict("already-exists", "CA '" + id + "' already exists");
		}
		this.metrics.casChanged();
		this.securityEvents.record("iam", "creation", "ca-created", "success",
				Map.of("pki.ca_id", id, "pki.key_algorithm", algorithm.name()), "CA created");
		return view(ca);
	}

	private X509Certificate selfOrParentSigned(Certificates.Template template, CryptoEngine.GeneratedKey key,
			KeyAlgorithm algorithm, @Nullable CaRecord parent) {
		if (parent != null) {
			return this.engine.sign(parent.privateKeyRef(), parent.keyAlgorithm(),
					(signer) -> Certificates.build(template, Certificates.newSerial(), parent.certificate(), signer));
		}
		return this.engine.sign(key.keyReference(), algorithm,
				(signer) -> Certificates.build(template, Certificates.newSerial(), null, signer));
	}

	public List<CaView> list() {
		return this.repository.findAll().stream().map(this::view).toList();
	}

	public CaView get(String id) {
		return find(id).orElseThrow(() -> Problems.notFound("CA", id));
	}

	public Optional<CaView> find(String id) {
		return this.repository.findById(id).map(this::view);
	}

	@Transactional
	public CaView delete(String id) {
		CaRecord ca = this.repository.findById(id).orElseThrow(() -> Problems.notFound("CA", id));
		this.repository.updateStatus(id, CaStatus.DELETED);
		this.metrics.casChanged();
		this.securityEvents.record("iam", "deletion", "ca-deleted", "success", Map.of("pki.ca_id", id),
				"CA deleted: it signs nothing more");
		return view(this.repository.findById(ca.id()).orElseThrow());
	}

	private CaView view(CaRecord ca) {
		List<String> chain = new ArrayList<>();
		for (CaRecord current = ca; current != null; current = (current.parentId() != null)
				? this.repository.findById(current.parentId()).orElse(null) : null) {
			chain.add(current.certificatePem());
		}
		return new CaView(ca.id(), ca.name(), ca.parentId(), ca.subject(), ca.keyAlgorithm(), ca.engineId(),
				ca.status(), ca.certificatePem(), chain, ca.notBefore(), ca.notAfter());
	}

}
