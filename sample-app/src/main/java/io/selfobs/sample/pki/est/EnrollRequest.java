package io.selfobs.sample.pki.est;

import java.security.cert.X509Certificate;

/**
 * An enrollment request as received.
 *
 * @param label the DMS label, {@code null} for the default DMS
 * @param operation {@code SIMPLEENROLL} or {@code SIMPLEREENROLL}
 * @param contentType the Content-Type header
 * @param body reads the request body, once its headers passed
 * @param clientChain the TLS client certificate chain, or {@code null}
 * @param authorization the Authorization header, or {@code null}
 * @param clientAddress the client address, for the login throttle
 */
public record EnrollRequest(String label, EstOperation operation, String contentType, Body body,
		X509Certificate[] clientChain, String authorization, String clientAddress) {

	/**
	 * Reads a request body.
	 */
	@FunctionalInterface
	public interface Body {

		/**
		 * Read the body.
		 * @return the bytes
		 * @throws EstFailure when it cannot be read or is too large
		 */
		byte[] read();

	}

}
