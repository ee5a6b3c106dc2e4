package io.selfobs.sample.pki.est.server;

import java.security.KeyStore;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * The HTTPS connector serving EST, next to the main HTTP connector. Client authentication
 * is {@code want}: a client certificate is requested, never required by TLS, and judged
 * per DMS by the EST service.
 */
public final class EstServer {

	private final Connector connector;

	EstServer(int port, KeyStore keyStore, String alias, char[] keyPassword) {
		this.connector = new Connector(Http11NioProtocol.class.getName());
		this.connector.setScheme("https");
		this.connector.setSecure(true);
		this.connector.setPort(port);
		Http11NioProtocol protocol = (Http11NioProtocol) this.connector.getProtocolHandler();
		protocol.setSSLEnabled(true);
		SSLHostConfig ssl = new SSLHostConfig();
		ssl.setCertificateVerification("optional");
		ssl.setTrustManagerClassName(AcceptAnyClientCertificateTrustManager.class.getName());
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
				SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setCertificateKeystore(keyStore);
		certificate.setCertificateKeyAlias(alias);
		certificate.setCertificateKeyPassword(new String(keyPassword));
		ssl.addCertificate(certificate);
		protocol.addSslHostConfig(ssl);
	}

	Connector connector() {
		return this.connector;
	}

	/**
	 * The port EST listens on (the actual port when configured with 0).
	 * @return the local port, or -1 before start
	 */
	public int port() {
		return this.connector.getLocalPort();
	}

}
