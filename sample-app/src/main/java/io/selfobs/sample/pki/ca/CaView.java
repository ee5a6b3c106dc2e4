package io.selfobs.sample.pki.ca;

import java.time.Instant;
import java.util.List;

import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import org.jspecify.annotations.Nullable;

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
public record CaView(String id, String name, @Nullable String parentId, String subject, KeyAlgorithm keyAlgorithm,
		String engineId, CaStatus status, String certificate, List<String> chain, Instant notBefore, Instant notAfter) {
}
