package io.selfobs.autoconfigure.otlp.internal.config;

import java.util.Optional;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.util.StringUtils;

/**
 * Builds the TLS material of a destination as a Spring Boot {@link SslBundle}: a named
 * bundle from {@code spring.ssl.bundle.*}, or one made from the PEM files, so every
 * transport trusts and authenticates the same way. Internal, not API.
 */
public final class OtlpTlsBundles {

	private OtlpTlsBundles() {
	}

	/**
	 * The TLS material of a destination.
	 * @param prefix the property prefix, e.g. {@code otel.traces.tls}, for error messages
	 * @param tls the configured bundle name or files
	 * @param bundles the application's SSL bundles, or {@code null} when there are none
	 * @return the bundle, or empty when no TLS setting is configured
	 */
	public static Optional<SslBundle> of(String prefix, OtlpSignalProperties.Tls tls, @Nullable SslBundles bundles) {
		if (StringUtils.hasText(tls.getSslBundle())) {
			return Optional.of(named(prefix + ".ssl-bundle", tls.getSslBundle().trim(), bundles));
		}
		return fromPemFiles(prefix, tls);
	}

	private static SslBundle named(String property, String name, @Nullable SslBundles bundles) {
		String fix = "define the bundle under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name
				+ ", or name an existing one in " + property;
		if (bundles == null) {
			throw new InvalidOtelPropertyException(property, name, "the application has no SSL bundles", fix);
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidOtelPropertyException(property, name, "no SSL bundle of that name is configured", fix);
		}
		try {
			bundle.createSslContext();
		}
		catch (RuntimeException ex) {
			throw new InvalidOtelPropertyException(property, name,
					"the SSL bundle cannot be used (" + rootMessage(ex) + ")", "check spring.ssl.bundle.*." + name);
		}
		return bundle;
	}

	@SuppressWarnings("NullAway") // each value is read only when its presence was checked
	private static Optional<SslBundle> fromPemFiles(String prefix, OtlpSignalProperties.Tls tls) {
		boolean trust = StringUtils.hasText(tls.getCaCertificate());
		boolean identity = StringUtils.hasText(tls.getClientCertificate());
		if (!trust && !identity) {
			return Optional.empty();
		}
		PemSslStoreDetails keyStore = identity
				? new PemSslStoreDetails(null, tls.getClientCertificate().trim(), tls.getClientKey().trim()) : null;
		PemSslStoreDetails trustStore = trust ? PemSslStoreDetails.forCertificates(tls.getCaCertificate().trim())
				: null;
		try {
			SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore));
			bundle.createSslContext();
			return Optional.of(bundle);
		}
		catch (RuntimeException ex) {
			String property = prefix + (identity ? ".client-certificate" : ".ca-certificate");
			throw new InvalidOtelPropertyException(property,
					identity ? tls.getClientCertificate() : tls.getCaCertificate(),
					"the PEM material cannot be loaded (" + rootMessage(ex) + ")",
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
