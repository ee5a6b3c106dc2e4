package io.selfobs.sample.pki.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;

import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.jspecify.annotations.Nullable;

/**
 * A stored CA. The private key reference is opaque and never leaves the CA slice.
 */
public record CaRecord(String id, String name, @Nullable String parentId, String subject, KeyAlgorithm keyAlgorithm,
		String engineId, CaStatus status, String certificatePem, String privateKeyRef, Instant notBefore,
		Instant notAfter, Instant createdAt) {

	public X509Certificate certificate() {
		return Pem.certificate(this.certificatePem);
	}

	boolean canSign(Instant now) {
		return this.status == CaStatus.ACTIVE && now.isBefore(this.notAfter);
	}

}
