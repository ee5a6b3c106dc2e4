package io.selfobs.autoconfigure.test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, generated at test time: a CA, a server certificate for
 * localhost/127.0.0.1 and a client certificate, all written as PEM files (keys as
 * PKCS#8).
 */
public final class TestCertificates {

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/**
	 * Generate a CA, a server and a client certificate into a new temporary directory.
	 * @return the certificates
	 */
	public static TestCertificates generate() {
		try {
			Path directory = Files.createTempDirectory("selfobs-certs");
			KeyPair caKeys = newKeyPair();
			X509Certificate ca = sign("CN=selfobs test CA", caKeys, "CN=selfobs test CA", caKeys.getPrivate(), true,
					null);
			KeyPair serverKeys = newKeyPair();
			X509Certificate server = sign("CN=localhost", serverKeys, "CN=selfobs test CA", caKeys.getPrivate(), false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			KeyPair clientKeys = newKeyPair();
			X509Certificate client = sign("CN=selfobs test client", clientKeys, "CN=selfobs test CA",
					caKeys.getPrivate(), false, null);
			write(directory.resolve("ca.pem"), ca);
			write(directory.resolve("server.pem"), server);
			write(directory.resolve("server-key.pem"), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
			write(directory.resolve("client.pem"), client);
			write(directory.resolve("client-key.pem"), new JcaPKCS8Generator(clientKeys.getPrivate(), null));
			return new TestCertificates(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Path caCertificate() {
		return this.directory.resolve("ca.pem");
	}

	public Path serverCertificate() {
		return this.directory.resolve("server.pem");
	}

	public Path serverKey() {
		return this.directory.resolve("server-key.pem");
	}

	public Path clientCertificate() {
		return this.directory.resolve("client.pem");
	}

	public Path clientKey() {
		return this.directory.resolve("client-key.pem");
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(String subject, KeyPair keys, String issuer, PrivateKey issuerKey, boolean ca,
			GeneralNames altNames) throws IOException, GeneralSecurityException, OperatorCreationException {
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
				new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
				Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), keys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		if (ca) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		if (altNames != null) {
			builder.addExtension(Extension.subjectAlternativeName, false, altNames);
		}
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
	}

	private static void write(Path file, Object pemObject) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			if (pemObject instanceof JcaPKCS8Generator generator) {
				writer.writeObject(generator);
			}
			else {
				writer.writeObject(pemObject);
			}
		}
		Files.writeString(file, text.toString());
	}

}
