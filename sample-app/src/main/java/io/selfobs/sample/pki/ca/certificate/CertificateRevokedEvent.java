package io.selfobs.sample.pki.ca.certificate;

/**
 * Published in the revoking transaction, so that dependents (devices) update atomically.
 *
 * @param serial the revoked certificate
 */
public record CertificateRevokedEvent(String serial) {
}
