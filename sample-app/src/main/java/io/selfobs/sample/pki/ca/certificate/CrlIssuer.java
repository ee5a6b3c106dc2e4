package io.selfobs.sample.pki.ca.certificate;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.ca.CaMetrics;
import io.selfobs.sample.pki.ca.CaProperties;
import io.selfobs.sample.pki.ca.CaRecord;
import io.selfobs.sample.pki.ca.CaRepository;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.CryptoEngine;
import io.selfobs.sample.pki.crypto.x509.Crls;
import io.selfobs.sample.pki.web.Problems;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues CRLs, signed by the CA key inside the crypto engine, valid for
 * {@code pki.ca.crl-next-update}.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.CA)
public class CrlIssuer {

	private static final String CRL_NEXT_UPDATE_PROPERTY = "pki.ca.crl-next-update";

	private static final Duration MAX_CRL_NEXT_UPDATE = Duration.ofDays(365);

	private final CaRepository cas;

	private final CertificateRepository certificates;

	private final CryptoEngine engine;

	private final ObservationRegistry observations;

	private final CaMetrics metrics;

	private final Duration crlNextUpdate;

	CrlIssuer(CaRepository cas, CertificateRepository certificates, CryptoEngine engine,
			ObservationRegistry observations, CaMetrics metrics, CaProperties properties) {
		this.cas = cas;
		this.certificates = certificates;
		this.engine = engine;
		this.observations = observations;
		this.metrics = metrics;
		this.crlNextUpdate = validCrlNextUpdate(properties.getCrlNextUpdate());
	}

	/**
	 * Issue a CRL listing every certificate the CA revoked. Served for every existing CA,
	 * deleted ones included, so the revocation status of what they issued stays
	 * checkable.
	 * @param caId the CA
	 * @return the CRL, with the next CRL number of this CA
	 */
	@Transactional
	public X509CRL crl(String caId) {
		CaRecord ca = this.cas.findById(caId).orElseThrow(() -> Problems.notFound("CA", caId));
		X509CRL crl = Observation.createNotStarted("ca.crl.generate", this.observations)
			.contextualName("ca crl generate")
			.lowCardinalityKeyValue("ca_id", caId)
			.lowCardinalityKeyValue("engine_type", ca.engineId())
			.observe(() -> signCrl(ca));
		this.metrics.crlGenerated(caId);
		return crl;
	}

	private X509CRL signCrl(CaRecord ca) {
		List<Crls.Entry> entries = this.certificates.findRevoked(ca.id()).stream().map(CrlIssuer::entry).toList();
		BigInteger number = BigInteger.valueOf(this.cas.nextCrlNumber(ca.id()));
		Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return this.engine.sign(ca.privateKeyRef(), ca.keyAlgorithm(), (signer) -> Crls.build(ca.certificate(), number,
				thisUpdate, thisUpdate.plus(this.crlNextUpdate), entries, signer));
	}

	private static Crls.Entry entry(CertificateRecord revoked) {
		Instant revokedAt = revoked.revokedAt();
		RevocationReason reason = revoked.revocationReason();
		if (revokedAt == null || reason == null) {
			throw new IllegalStateException(
					"Revoked certificate " + revoked.serial() + " has no revocation time or reason");
		}
		return new Crls.Entry(new BigInteger(revoked.serial(), 16), revokedAt, reason.code());
	}

	private static Duration validCrlNextUpdate(Duration value) {
		if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_CRL_NEXT_UPDATE) > 0) {
			throw new InvalidConfigurationPropertyValueException(CRL_NEXT_UPDATE_PROPERTY, value,
					"It must be a positive duration of at most " + MAX_CRL_NEXT_UPDATE.toDays()
							+ " days, for example '24h'.");
		}
		return value;
	}

}
