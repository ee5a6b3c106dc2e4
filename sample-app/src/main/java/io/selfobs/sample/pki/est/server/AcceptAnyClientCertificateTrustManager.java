package io.selfobs.sample.pki.est.server;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * Lets every client certificate through the TLS handshake of the EST connector. Trust is
 * decided per DMS by the EST service (bootstrap CAs, issuing CA, expiry, revocation), so
 * that a refused certificate gets an HTTP 403 with a readable reason instead of an opaque
 * handshake failure. Tomcat instantiates this class by name.
 */
public final class AcceptAnyClientCertificateTrustManager implements X509TrustManager {

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) {
		// decided by EstService for each request
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("This trust manager only serves the server side");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
