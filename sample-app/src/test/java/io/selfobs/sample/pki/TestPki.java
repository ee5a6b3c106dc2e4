package io.selfobs.sample.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.selfobs.sample.pki.crypto.x509.Pem;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.jcajce.JcaJceUtils;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Client-side helpers of the integration tests: keys, CSRs, the BouncyCastle EST client
 * and a raw HTTPS client, all over real TLS to the app.
 */
public final class TestPki {

	static {
		// BouncyCastle's EST client looks the provider up by name
		if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
			Security.addProvider(new BouncyCastleProvider());
		}
	}

	private TestPki() {
	}

	public static KeyPair ecKey() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	public static KeyPair rsaKey(int bits) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		return generator.generateKeyPair();
	}

	public static PKCS10CertificationRequest csr(String commonName, KeyPair key) throws Exception {
		return csr(commonName, key, null);
	}

	public static PKCS10CertificationRequest csr(String commonName, KeyPair key, String dnsName) throws Exception {
		JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
				new X500Name("CN=" + commonName), key.getPublic());
		if (dnsName != null) {
			ExtensionsGenerator extensions = new ExtensionsGenerator();
			extensions.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
		}
		String algorithm = key.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		return builder.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate()));
	}

	public static String base64(PKCS10CertificationRequest csr) throws IOException {
		return Base64.getMimeEncoder().encodeToString(csr.getEncoded());
	}

	public static X509Certificate trustAnchor(Path dataDir) throws Exception {
		try (InputStream in = Files.newInputStream(dataDir.resolve("tls").resolve("est-tls-ca.crt"))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	public static KeyStore clientKeyStore(KeyPair key, X509Certificate... chain) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("client", key.getPrivate(), "changeit".toCharArray(), chain);
		return store;
	}

	/**
	 * BouncyCastle's EST client against the app.
	 * @param port the EST port
	 * @param dataDir the app's data directory (for the trust anchor)
	 * @param label the DMS label, or {@code null} for the unlabelled paths
	 * @param client the client key store, or {@code null}
	 * @return the client
	 */
	public static ESTService est(int port, Path dataDir, String label, KeyStore client) throws Exception {
		JsseESTServiceBuilder builder = new JsseESTServiceBuilder("localhost:" + port,
				JcaJceUtils.getCertPathTrustManager(Set.of(new TrustAnchor(trustAnchor(dataDir), null)), null));
		if (client != null) {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(client, "changeit".toCharArray());
			builder.withKeyManagers(keyManagers.getKeyManagers());
		}
		if (label != null) {
			builder.withLabel(label);
		}
		return builder.withTimeout(10_000).build();
	}

	/**
	 * A plain HTTPS client trusting the app's EST trust anchor, for requests the EST
	 * client cannot make.
	 * @param dataDir the app's data directory
	 * @param client the client key store, or {@code null}
	 * @return the client
	 */
	public static HttpClient https(Path dataDir, KeyStore client) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(sslContext(dataDir, client))
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * A TLS context trusting the app's EST trust anchor.
	 * @param dataDir the app's data directory
	 * @param client the client key store, or {@code null}
	 * @return the context
	 */
	public static SSLContext sslContext(Path dataDir, KeyStore client) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("est", trustAnchor(dataDir));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		KeyManagerFactory keyManagers = null;
		if (client != null) {
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(client, "changeit".toCharArray());
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return context;
	}

	public static HttpResponse<String> post(HttpClient client, String url, String contentType, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return client.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public static X509Certificate certificate(String pem) {
		return Pem.certificate(pem);
	}

	/**
	 * The certificates of an EST certs-only response body (base64 DER of a CMS
	 * SignedData).
	 * @param base64 the response body
	 * @return the certificates
	 */
	public static List<X509Certificate> certsOnly(String base64) throws Exception {
		CMSSignedData cms = new CMSSignedData(Base64.getMimeDecoder().decode(base64));
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		List<X509Certificate> certificates = new ArrayList<>();
		for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
			certificates.add(converter.getCertificate(holder));
		}
		return certificates;
	}

}
