package io.selfobs.sample.pki.crypto.x509;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds X.509 v2 CRLs (RFC 5280 §5) with a CRL number and an authority key identifier.
 */
public final class Crls {

	private Crls() {
	}

	/**
	 * One revoked certificate.
	 *
	 * @param serial the serial number
	 * @param revokedAt when it was revoked
	 * @param reasonCode the RFC 5280 reason code; {@code 0} (unspecified) is left out as
	 * RFC 5280 recommends
	 */
	public record Entry(BigInteger serial, Instant revokedAt, int reasonCode) {
	}

	/**
	 * Build and sign a CRL.
	 * @param issuer the CA certificate
	 * @param number the CRL number
	 * @param thisUpdate the issue time
	 * @param nextUpdate when the next CRL will be issued at the latest
	 * @param entries the revoked certificates
	 * @param signer the CA's signer
	 * @return the CRL
	 */
	public static X509CRL build(X509Certificate issuer, BigInteger number, Instant thisUpdate, Instant nextUpdate,
			List<Entry> entries, ContentSigner signer) {
		X509v2CRLBuilder builder = new X509v2CRLBuilder(
				X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
		builder.setNextUpdate(Date.from(nextUpdate));
		entries
			.forEach((entry) -> builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reasonCode()));
		try {
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
			builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
			return new JcaX509CRLConverter().setProvider(BouncyCastle.PROVIDER).getCRL(builder.build(signer));
		}
		catch (CertIOException | CRLException | CertificateEncodingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("CRL could not be built: " + ex.getMessage(), ex);
		}
	}

}
