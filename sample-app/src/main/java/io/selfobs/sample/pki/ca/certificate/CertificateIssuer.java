package io.selfobs.sample.pki.ca.certificate;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.ca.CaMetrics;
import io.selfobs.sample.pki.ca.CaRecord;
import io.selfobs.sample.pki.ca.CaRepository;
import io.selfobs.sample.pki.ca.IssuancePolicy;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.CryptoEngine;
import io.selfobs.sample.pki.crypto.x509.Certificates;
import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.crypto.x509.CsrException;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.outbox.OutboxPublisher;
import io.selfobs.sample.pki.web.Problems;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.ErrorResponseException;

/**
 * Signs CSRs. The certificate and its {@code certificate.issued} event commit together;
 * each sub-step is an observation (a child span and a timer) of the {@code ca sign}
 * observation.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.CA)
public class CertificateIssuer {

	private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);

	private final CaRepository cas;

	private final CertificateRepository certificates;

	private final CryptoEngine engine;

	private final OutboxPublisher outbox;

	private final ObservationRegistry observations;

	private final CaMetrics metrics;

	CertificateIssuer(CaRepository cas, CertificateRepository certificates, CryptoEngine engine, OutboxPublisher outbox,
			ObservationRegistry observations, CaMetrics metrics) {
		this.cas = cas;
		this.certificates = certificates;
		this.engine = engine;
		this.outbox = outbox;
		this.observations = observations;
		this.metrics = metrics;
	}

	/**
	 * Sign a CSR.
	 * @param caId the issuing CA
	 * @param csrPem the CSR in PEM
	 * @param validityDays requested validity, capped by the CA's own validity
	 * @return the issued certificate
	 */
	@Transactional
	public CertificateRecord sign(String caId, @Nullable String csrPem, @Nullable Integer validityDays) {
		return sign(caId, () -> validated(parsed(csrPem)), validityDays);
	}

	/**
	 * Sign an already parsed CSR, checked as {@link #sign(String, String, Integer)}
	 * checks it (a proof of possession the caller verified on this same {@link Csr} is
	 * not verified again).
	 * @param caId the issuing CA
	 * @param csr the CSR
	 * @param validityDays requested validity, capped by the CA's own validity
	 * @return the issued certificate
	 */
	@Transactional
	public CertificateRecord sign(String caId, Csr csr, @Nullable Integer validityDays) {
		return sign(caId, () -> validated(csr), validityDays);
	}

	private CertificateRecord sign(String caId, Supplier<Csr> csr, @Nullable Integer validityDays) {
		long started = System.nanoTime();
		CaRecord known = this.cas.findById(caId).orElseThrow(() -> Problems.notFound("CA", caId));
		CertificateRecord issued = Observation.createNotStarted("ca.sign.operation.duration", this.observations)
			.contextualName("ca sign")
			.lowCardinalityKeyValue("ca_id", caId)
			.lowCardinalityKeyValue("engine_type", known.engineId())
			.observe(() -> signSteps(known, csr, validityDays));
		long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
		// counted and logged once the certificate is stored for good: an enrollment that
		// rolls back issued nothing
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

	private CertificateRecord signSteps(CaRecord known, Supplier<Csr> validCsr, @Nullable Integer validityDays) {
		String caId = known.id();
		Csr csr = step("csr_validation", validCsr);
		CaRecord ca = step("ca_status_check", () -> IssuancePolicy.requireActive(known));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant notAfter = now.plus(Duration.ofDays(IssuancePolicy.validityDays(validityDays, 365)));
		Instant capped = notAfter.isAfter(ca.notAfter()) ? ca.notAfter() : notAfter;
		Certificates.Template template = new Certificates.Template(csr.subject(), csr.publicKeyInfo(),
				now.minusSeconds(60), capped, false, csr.subjectAlternativeNames(), KeyPurposeId.id_kp_clientAuth);
		BigInteger serial = Certificates.newSerial();
		X509Certificate certificate = this.engine.sign(ca.privateKeyRef(), ca.keyAlgorithm(),
				(signer) -> Certificates.build(template, serial, ca.certificate(), signer));
		CertificateRecord record = new CertificateRecord(serial.toString(16), caId, csr.subject().toString(),
				csr.commonName(), CertificateStatus.ACTIVE, Pem.encode(certificate),
				certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now, null, null);
		step("certificate_store", () -> {
			this.certificates.insert(record);
			return record;
		});
		step("event_publish",
				() -> this.outbox.publish("certificate.issued", record.serial(), Map.of("serial", record.serial(),
						"ca_id", caId, "subject", record.subject(), "not_after", record.notAfter().toString())));
		return record;
	}

	private <T> T step(String step, Supplier<T> work) {
		return Observation.createNotStarted("ca.sign.step", this.observations)
			.contextualName("ca sign " + step.replace('_', ' '))
			.lowCardinalityKeyValue("step", step)
			.observe(work);
	}

	private static Csr parsed(@Nullable String csrPem) {
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

}
