package io.selfobs.autoconfigure.otlp.internal;

import java.util.Optional;

import io.selfobs.autoconfigure.otlp.InvalidOtlpPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.util.StringUtils;

/**
 * Builds the TLS material of a destination with Spring Boot's PEM support, so every transport trusts and
 * authenticates the same way.
 */
public final class OtlpTlsBundles {

	private OtlpTlsBundles() {
	}

	/**
	 * Load the PEM files of a destination.
	 * @param prefix the property prefix, for error messages
	 * @param tls the configured files
	 * @return the bundle, or empty when no TLS file is configured
	 */
	public static Optional<SslBundle> of(String prefix, OtlpSignalProperties.Tls tls) {
		boolean trust = StringUtils.hasText(tls.getCaCertificate());
		boolean identity = StringUtils.hasText(tls.getClientCertificate());
		if (!trust && !identity) {
			return Optional.empty();
		}
		PemSslStoreDetails keyStore = identity
				? new PemSslStoreDetails(null, tls.getClientCertificate().trim(), tls.getClientKey().trim()) : null;
		PemSslStoreDetails trustStore = trust ? PemSslStoreDetails.forCertificates(tls.getCaCertificate().trim()) : null;
		try {
			SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore));
			bundle.createSslContext();
			return Optional.of(bundle);
		}
		catch (RuntimeException ex) {
			String property = prefix + (identity ? ".client-certificate" : ".ca-certificate");
			throw new InvalidOtlpPropertyException(property, identity ? tls.getClientCertificate()
					: tls.getCaCertificate(), "the PEM material cannot be loaded (" + rootMessage(ex) + ")",
					"use PEM-encoded X.509 certificates and a PEM private key that matches the client certificate");
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
