package io.selfobs.sample.pki.ca;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.Certificates;
import io.selfobs.sample.pki.crypto.Crls;
import io.selfobs.sample.pki.crypto.CryptoEngine;
import io.selfobs.sample.pki.crypto.Csr;
import io.selfobs.sample.pki.crypto.CsrException;
import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import io.selfobs.sample.pki.crypto.Pem;
import io.selfobs.sample.pki.outbox.OutboxPublisher;
import io.selfobs.sample.pki.security.SecurityEvents;
import io.selfobs.sample.pki.web.Problems;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.ErrorResponseException;

/**
 * Creates CAs, signs CSRs and revokes certificates. Every state change and its outbox event commit together.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.CA)
public class CaService {

	private static final Logger log = LoggerFactory.getLogger(CaService.class);

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final int MAX_VALIDITY_DAYS = 36500;

	private static final int MAX_PAGE = 500;

	private static final int MAX_NAME = 200;

	private static final String CRL_NEXT_UPDATE_PROPERTY = "pki.ca.crl-next-update";

	private static final Duration MAX_CRL_NEXT_UPDATE = Duration.ofDays(365);

	private final CaRepository repository;

	private final CryptoEngine engine;

	private final OutboxPublisher outbox;

	private final SecurityEvents securityEvents;

	private final ObservationRegistry observations;

	private final ApplicationEventPublisher applicationEvents;

	private final CaMetrics metrics;

	private final Duration crlNextUpdate;

	CaService(CaRepository repository, CryptoEngine engine, OutboxPublisher outbox, SecurityEvents securityEvents,
			ObservationRegistry observations, MeterRegistry meters, ApplicationEventPublisher applicationEvents,
			PkiProperties properties) {
		this.repository = repository;
		this.engine = engine;
		this.outbox = outbox;
		this.securityEvents = securityEvents;
		this.observations = observations;
		this.applicationEvents = applicationEvents;
		this.metrics = new CaMetrics(meters);
		this.crlNextUpdate = validCrlNextUpdate(properties.getCa().getCrlNextUpdate());
		this.metrics.refreshInfo(repository.findAll());
	}

	/**
	 * What a new CA should be.
	 *
	 * @param id the id (lower-case letters, digits and dashes), or {@code null} for a generated one
	 * @param name display name
	 * @param subject subject DN, for example {@code CN=Devices CA,O=Example}
	 * @param keyAlgorithm key algorithm, {@code ECDSA_P256} when {@code null}
	 * @param validityDays validity in days, 3650 when {@code null}
	 * @param parentId parent CA for a subordinate CA, {@code null} for a root CA
	 */
	public record NewCa(String id, String name, String subject, KeyAlgorithm keyAlgorithm, Integer validityDays,
			String parentId) {
	}

	@Transactional
	public CaView create(NewCa request) {
		String id = (request.id() != null) ? request.id() : UUID.randomUUID().toString();
		if (!ID.matcher(id).matches()) {
			throw Problems.badRequest("invalid-id", "id must match " + ID.pattern());
		}
		if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME) {
			throw Problems.badRequest("invalid-name", "name is required, at most " + MAX_NAME + " characters");
		}
		X500Name subject = parseSubject(request.subject());
		int validityDays = validityDays(request.validityDays(), 3650);
		KeyAlgorithm algorithm = (request.keyAlgorithm() != null) ? request.keyAlgorithm() : KeyAlgorithm.ECDSA_P256;
		if (this.repository.findById(id).isPresent()) {
			throw Problems.conflict("already-exists", "CA '" + id + "' already exists");
		}
		CaRecord parent = (request.parentId() != null) ? activeCa(request.parentId()) : null;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant notAfter = now.plus(Duration.ofDays(validityDays));
		if (parent != null && notAfter.isAfter(parent.notAfter())) {
			notAfter = parent.notAfter();
		}
		CryptoEngine.GeneratedKey key = this.engine.generateKey(algorithm);
		Certificates.Template template = Certificates.Template.ca(subject, key.publicKey(), now.minusSeconds(60),
				notAfter);
		X509Certificate certificate = (parent != null)
				? this.engine.sign(parent.privateKeyRef(), parent.keyAlgorithm(),
						(signer) -> Certificates.build(template, Certificates.newSerial(), parent.certificate(), signer))
				: this.engine.sign(key.keyReference(), algorithm,
						(signer) -> Certificates.build(template, Certificates.newSerial(), null, signer));
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
		this.metrics.refreshInfo(this.repository.findAll());
		refreshExpiryGauges();
		this.securityEvents.record("iam", "creation", "ca-created", "success",
				Map.of("pki.ca_id", id, "pki.key_algorithm", algorithm.name()), "CA created");
		return view(ca);
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
		this.metrics.refreshInfo(this.repository.findAll());
		refreshExpiryGauges();
		this.securityEvents.record("iam", "deletion", "ca-deleted", "success", Map.of("pki.ca_id", id),
				"CA deleted: it signs nothing more");
		return view(this.repository.findById(ca.id()).orElseThrow());
	}

	/**
	 * Sign a CSR. Each sub-step is an observation (a child span and a timer) of the sign operation.
	 * @param caId the issuing CA
	 * @param csrPem the CSR in PEM
	 * @param validityDays requested validity, capped by the CA's own validity
	 * @return the issued certificate
	 */
	@Transactional
	public CertificateRecord sign(String caId, String csrPem, Integer validityDays) {
		return sign(caId, () -> validated(parsed(csrPem)), validityDays);
	}

	/**
	 * Sign an already parsed CSR, checked as {@link #sign(String, String, Integer)} checks it (a proof of
	 * possession the caller verified on this same {@link Csr} is not verified again).
	 * @param caId the issuing CA
	 * @param csr the CSR
	 * @param validityDays requested validity, capped by the CA's own validity
	 * @return the issued certificate
	 */
	@Transactional
	public CertificateRecord sign(String caId, Csr csr, Integer validityDays) {
		return sign(caId, () -> validated(csr), validityDays);
	}

	private CertificateRecord sign(String caId, Supplier<Csr> csr, Integer validityDays) {
		long started = System.nanoTime();
		CaRecord known = this.repository.findById(caId).orElseThrow(() -> Problems.notFound("CA", caId));
		CertificateRecord issued = Observation.createNotStarted("ca.sign.operation.duration", this.observations)
			.contextualName("ca sign")
			.lowCardinalityKeyValue("ca_id", caId)
			.lowCardinalityKeyValue("engine_type", known.engineId())
			.observe(() -> signSteps(known, csr, validityDays));
		long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
		// counted and logged once the certificate is stored for good: an enrollment that rolls back issued nothing
		afterCommit(() -> {
			this.metrics.issued(caId);
			log.atInfo()
				.addKeyValue("ca_id", caId)
				.addKeyValue("certificate_id", issued.serial())
				.addKeyValue("subject_cn", issued.subjectCn())
				.addKeyValue("duration_ms", durationMs)
				.log("Certificate issued");
		});
		return issued;
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	private CertificateRecord signSteps(CaRecord known, Supplier<Csr> validCsr, Integer validityDays) {
		String caId = known.id();
		Csr csr = step("csr_validation", validCsr);
		CaRecord ca = step("ca_status_check", () -> requireActive(known));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant notAfter = now.plus(Duration.ofDays(validityDays(validityDays, 365)));
		Instant capped = notAfter.isAfter(ca.notAfter()) ? ca.notAfter() : notAfter;
		Certificates.Template template = new Certificates.Template(csr.subject(), csr.publicKeyInfo(),
				now.minusSeconds(60), capped, false, csr.subjectAlternativeNames(), KeyPurposeId.id_kp_clientAuth);
		BigInteger serial = Certificates.newSerial();
		X509Certificate certificate = this.engine.sign(ca.privateKeyRef(), ca.keyAlgorithm(),
				(signer) -> Certificates.build(template, serial, ca.certificate(), signer));
		CertificateRecord record = new CertificateRecord(serial.toString(16), caId, csr.subject().toString(),
				csr.commonName(), "ACTIVE", Pem.encode(certificate), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant(), now, null, null);
		step("certificate_store", () -> {
			this.repository.insert(record);
			return record;
		});
		step("event_publish", () -> this.outbox.publish("certificate.issued", record.serial(),
				Map.of("serial", record.serial(), "ca_id", caId, "subject", record.subject(), "not_after",
						record.notAfter().toString())));
		return record;
	}

	private static Csr parsed(String csrPem) {
		if (csrPem == null || csrPem.isBlank()) {
			throw Problems.badRequest("malformed-csr", "csr is required (PEM PKCS#10)");
		}
		try {
			return Csr.fromPem(csrPem);
		}
		catch (CsrException ex) {
			throw csrProblem(ex);
		}
	}

	private static Csr validated(Csr csr) {
		try {
			return csr.verifySignature().checkPolicy();
		}
		catch (CsrException ex) {
			throw csrProblem(ex);
		}
	}

	private static ErrorResponseException csrProblem(CsrException ex) {
		String type = switch (ex.getReason()) {
			case MALFORMED -> "malformed-csr";
			case INVALID_SIGNATURE -> "invalid-csr-signature";
			case POLICY_VIOLATION -> "policy-violation";
		};
		return Problems.badRequest(type, ex.getMessage());
	}

	public CertificateRecord certificate(String serial) {
		return findCertificate(serial).orElseThrow(() -> Problems.notFound("Certificate", serial));
	}

	public Optional<CertificateRecord> findCertificate(String serial) {
		return this.repository.findCertificate(normalizeSerial(serial));
	}

	public List<CertificateRecord> certificates(String caId, String status, Instant expiringBefore, Integer limit) {
		if (status != null && !List.of("ACTIVE", "REVOKED", "EXPIRED").contains(status)) {
			throw Problems.badRequest("invalid-filter", "status must be one of ACTIVE, REVOKED, EXPIRED");
		}
		int size = (limit != null) ? Math.max(1, Math.min(limit, MAX_PAGE)) : 100;
		return this.repository.findCertificates(caId, status, expiringBefore, Instant.now(), size);
	}

	@Transactional
	public CertificateRecord revoke(String serial, String reasonName) {
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
		this.securityEvents.record("iam", "change", "certificate-revoked", "success",
				Map.of("pki.ca_id", certificate.caId(), "pki.serial", certificate.serial(), "pki.reason",
						reason.rfcName()),
				"Certificate revoked");
		return this.repository.findCertificate(certificate.serial()).orElseThrow();
	}

	/**
	 * Issue a CRL listing every certificate the CA revoked, signed by the CA key inside the crypto engine. Served
	 * for every existing CA, deleted ones included, so the revocation status of what they issued stays checkable.
	 * @param caId the CA
	 * @return the CRL, with the next CRL number of this CA
	 */
	@Transactional
	public X509CRL crl(String caId) {
		CaRecord ca = this.repository.findById(caId).orElseThrow(() -> Problems.notFound("CA", caId));
		X509CRL crl = Observation.createNotStarted("ca.crl.generate", this.observations)
			.contextualName("ca crl generate")
			.lowCardinalityKeyValue("ca_id", caId)
			.lowCardinalityKeyValue("engine_type", ca.engineId())
			.observe(() -> signCrl(ca));
		this.metrics.crlGenerated(caId);
		return crl;
	}

	private X509CRL signCrl(CaRecord ca) {
		List<Crls.Entry> entries = this.repository.findRevoked(ca.id())
			.stream()
			.map((revoked) -> new Crls.Entry(new BigInteger(revoked.serial(), 16), revoked.revokedAt(),
					RevocationReason.parse(revoked.revocationReason()).code()))
			.toList();
		BigInteger number = BigInteger.valueOf(this.repository.nextCrlNumber(ca.id()));
		Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return this.engine.sign(ca.privateKeyRef(), ca.keyAlgorithm(), (signer) -> Crls.build(ca.certificate(), number,
				thisUpdate, thisUpdate.plus(this.crlNextUpdate), entries, signer));
	}

	private static Duration validCrlNextUpdate(Duration value) {
		if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_CRL_NEXT_UPDATE) > 0) {
			throw new InvalidConfigurationPropertyValueException(CRL_NEXT_UPDATE_PROPERTY, value,
					"It must be a positive duration of at most " + MAX_CRL_NEXT_UPDATE.toDays()
							+ " days, for example '24h'.");
		}
		return value;
	}

	@Scheduled(fixedDelayString = "${pki.inventory.refresh-interval:30s}")
	void refreshExpiryGauges() {
		Instant now = Instant.now();
		List<Instant> horizons = new ArrayList<>();
		CaMetrics.EXPIRY_HORIZONS.forEach((horizon) -> horizons.add(now.plus(horizon)));
		this.metrics.refreshExpiry(this.repository.findAll(), this.repository.expirySummary(now, horizons), now);
	}

	private CaRecord activeCa(String id) {
		return requireActive(this.repository.findById(id).orElseThrow(() -> Problems.notFound("CA", id)));
	}

	private static CaRecord requireActive(CaRecord ca) {
		if (!ca.canSign(Instant.now())) {
			throw Problems.conflict("ca-not-active", "CA '" + ca.id() + "' is "
					+ (ca.status() == CaStatus.ACTIVE ? "expired" : ca.status()) + " and signs nothing");
		}
		return ca;
	}

	private <T> T step(String step, Supplier<T> work) {
		return Observation.createNotStarted("ca.sign.step", this.observations)
			.contextualName("ca sign " + step.replace('_', ' '))
			.lowCardinalityKeyValue("step", step)
			.observe(work);
	}

	private static X500Name parseSubject(String subject) {
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
		throw Problems.badRequest("invalid-subject", "subject must be an X.500 name of at most " + Csr.MAX_SUBJECT
				+ " characters with a CN of 1.." + Csr.MAX_COMMON_NAME + " characters, for example "
				+ "'CN=Devices CA,O=Example'");
	}

	private static int validityDays(Integer requested, int fallback) {
		int days = (requested != null) ? requested : fallback;
		if (days < 1 || days > MAX_VALIDITY_DAYS) {
			throw Problems.badRequest("invalid-validity", "validityDays must be between 1 and " + MAX_VALIDITY_DAYS);
		}
		return days;
	}

	static String normalizeSerial(String serial) {
		return serial.replace(":", "").toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
	}

	/**
	 * The API view of a CA, with its chain (issuer first after the CA itself).
	 *
	 * @param id the id
	 * @param name the display name
	 * @param parentId the parent CA, {@code null} for a root
	 * @param subject the subject DN
	 * @param keyAlgorithm the key algorithm
	 * @param engineId the crypto engine holding the key
	 * @param status the status
	 * @param certificate the CA certificate in PEM
	 * @param chain the CA certificate followed by its issuers, in PEM
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 */
	public record CaView(String id, String name, String parentId, String subject, KeyAlgorithm keyAlgorithm,
			String engineId, CaStatus status, String certificate, List<String> chain, Instant notBefore,
			Instant notAfter) {
	}

	private CaView view(CaRecord ca) {
		List<String> chain = new ArrayList<>();
		for (CaRecord current = ca; current != null;
				current = (current.parentId() != null) ? this.repository.findById(current.parentId()).orElse(null) : null) {
			chain.add(current.certificatePem());
		}
		return new CaView(ca.id(), ca.name(), ca.parentId(), ca.subject(), ca.keyAlgorithm(), ca.engineId(),
				ca.status(), ca.certificatePem(), chain, ca.notBefore(), ca.notAfter());
	}

	/**
	 * Published in the revoking transaction, so that dependents (devices) update atomically.
	 *
	 * @param serial the revoked certificate
	 */
	public record CertificateRevokedEvent(String serial) {
	}

}
