package io.selfobs.sample.pki.est;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * The body of EST certificate responses: a certs-only CMS, base64 with CRLF line breaks
 * (RFC 7030 §4.1.3).
 */
final class CertsOnly {

	private CertsOnly() {
	}

	static String encode(List<X509Certificate> certificates) {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addCertificates(new JcaCertStore(certificates));
			byte[] encoded = generator.generate(new CMSAbsentContent()).getEncoded();
			return Base64.getMimeEncoder().encodeToString(encoded) + "\r\n";
		}
		catch (CMSException | IOException | CertificateEncodingException ex) {
			throw new IllegalStateException("Cannot encode the certs-only response", ex);
		}
	}

}
