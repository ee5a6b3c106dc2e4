package io.selfobs.sample.pki.est.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.selfobs.sample.pki.crypto.x509.Certificates;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS material of the EST connector when none is configured: a local TLS CA and a server
 * certificate signed by it, created on first start under the data directory and reused
 * afterwards. Clients trust {@code tls/est-tls-ca.crt}.
 */
final class EstTlsMaterial {

	private static final Logger log = LoggerFactory.getLogger(EstTlsMaterial.class);

	static final String ALIAS = "est";

	/**
	 * Protects the local key store file, which is also protected by owner-only
	 * permissions. Not a secret of any configured system: the material is generated for
	 * this data directory only.
	 */
	static final char[] PASSWORD = "selfobs-est-local".toCharArray();

	private EstTlsMaterial() {
	}

	static Path trustAnchorFile(Path dataDir) {
		return dataDir.resolve("tls").resolve("est-tls-ca.crt");
	}

	static KeyStore loadOrCreate(Path dataDir, List<String> serverNames) {
		Path keyStoreFile = dataDir.resolve("tls").resolve("est-server.p12");
		try {
			if (!Files.exists(keyStoreFile)) {
				create(keyStoreFile, trustAnchorFile(dataDir), serverNames);
			}
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStoreFile)) {
				keyStore.load(in, PASSWORD);
			}
			return keyStore;
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot create or read the EST TLS key store " + keyStoreFile
					+ " (delete the tls directory to regenerate it): " + ex.getMessage(), ex);
		}
	}

	private static void create(Path keyStoreFile, Path trustAnchorFile, List<String> serverNames)
			throws IOException, GeneralSecurityException, OperatorCreationException {
		Files.createDirectories(keyStoreFile.getParent());
		Instant now = Instant.now();
		KeyPair caKey = ecKey();
		X509Certificate ca = Certificates.build(
				Certificates.Template.ca(new X500Name("CN=selfobs sample PKI local TLS CA"), caKey.getPublic(),
						now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(3650))),
				Certificates.newSerial(), null, signer(caKey));
		KeyPair serverKey = ecKey();
		GeneralName[] names = serverNames.stream().map(EstTlsMaterial::generalName).toArray(GeneralName[]::new);
		X509Certificate server = Certificates.build(
				new Certificates.Template(new X500Name("CN=" + serverNames.iterator().next()),
						SubjectPublicKeyInfo.getInstance(serverKey.getPublic().getEncoded()),
						now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(825)), false,
						new GeneralNames(names), KeyPurposeId.id_kp_serverAuth),
				Certificates.newSerial(), ca, signer(caKey));
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry(ALIAS, serverKey.getPrivate(), PASSWORD, new Certificate[] { server, ca });
		Path temp = Files.createTempFile(keyStoreFile.getParent(), "est-server", ".p12");
		try (OutputStream out = Files.newOutputStream(temp)) {
			keyStore.store(out, PASSWORD);
		}
		restrictToOwner(temp);
		Files.writeString(trustAnchorFile, Pem.encode(ca));
		Files.writeString(keyStoreFile.resolveSibling("est-server.crt"), Pem.encode(server) + Pem.encode(ca));
		Files.move(temp, keyStoreFile, StandardCopyOption.ATOMIC_MOVE);
		log.atInfo()
			.addKeyValue("file.path", trustAnchorFile.toAbsolutePath().toString())
			.log("Generated a local TLS CA and EST server certificate for {}; clients trust {}", serverNames,
					trustAnchorFile);
	}

	private static GeneralName generalName(String name) {
		boolean ip = name.contains(":") || name.matches("[0-9.]+");
		return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
	}

	private static KeyPair ecKey() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static org.bouncycastle.operator.ContentSigner signer(KeyPair key) throws OperatorCreationException {
		return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system
		}
	}

}
