package io.selfobs.sample.pki.crypto.x509;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.jspecify.annotations.Nullable;

/**
 * Builds X.509 certificates: CA certificates and end-entity (device or TLS server)
 * certificates.
 */
public final class Certificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Certificates() {
	}

	/**
	 * A positive random serial of at most 20 octets (RFC 5280 §4.1.2.2).
	 * @return a new serial number
	 */
	public static BigInteger newSerial() {
		return new BigInteger(159, RANDOM).setBit(0);
	}

	/**
	 * What a certificate should say.
	 *
	 * @param subject the subject name
	 * @param publicKey the subject public key
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @param ca whether the subject is a CA
	 * @param subjectAlternativeNames names to include, or {@code null}
	 * @param extendedKeyUsage purpose of an end-entity certificate, or {@code null}
	 */
	public record Template(X500Name subject, SubjectPublicKeyInfo publicKey, Instant notBefore, Instant notAfter,
			boolean ca, @Nullable GeneralNames subjectAlternativeNames, @Nullable KeyPurposeId extendedKeyUsage) {

		public static Template ca(X500Name subject, PublicKey publicKey, Instant notBefore, Instant notAfter) {
			return new Template(subject, SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()), notBefore, notAfter,
					true, null, null);
		}

	}

	/**
	 * Build and sign a certificate.
	 * @param template what the certificate says
	 * @param serial the serial number
	 * @param issuer the issuing CA certificate, or {@code null} for a self-signed
	 * certificate
	 * @param signer the issuer's signer
	 * @return the certificate
	 */
	public static X509Certificate build(Template template, BigInteger serial, @Nullable X509Certificate issuer,
			ContentSigner signer) {
		X500Name issuerName = (issuer != null) ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())
				: template.subject();
		X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial,
				Date.from(template.notBefore()), Date.from(template.notAfter()), template.subject(),
				template.publicKey());
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					utils.createSubjectKeyIdentifier(template.publicKey()));
			if (issuer != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						utils.createAuthorityKeyIdentifier(issuer));
			}
			if (template.ca()) {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
			}
			else {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
				if (template.extendedKeyUsage() != null) {
					builder.addExtension(Extension.extendedKeyUsage, false,
							new ExtendedKeyUsage(template.extendedKeyUsage()));
				}
			}
			if (template.subjectAlternativeNames() != null) {
				builder.addExtension(Extension.subjectAlternativeName, false, template.subjectAlternativeNames());
			}
			return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
				.getCertificate(builder.build(signer));
		}
		catch (CertIOException | CertificateException | java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Certificate could not be built: " + ex.getMessage(), ex);
		}
	}

}
