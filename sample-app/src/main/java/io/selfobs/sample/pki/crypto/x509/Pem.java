package io.selfobs.sample.pki.crypto.x509;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM encoding and decoding of certificates.
 */
public final class Pem {

	private Pem() {
	}

	public static String encode(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	public static X509Certificate certificate(String pem) {
		List<X509Certificate> certificates = certificates(pem);
		if (certificates.size() != 1) {
			throw new IllegalArgumentException("Expected exactly one PEM certificate");
		}
		return certificates.get(0);
	}

	public static List<X509Certificate> certificates(String pem) {
		List<X509Certificate> certificates = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
				if (object instanceof X509CertificateHolder holder) {
					certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
				}
			}
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalArgumentException("Not a PEM certificate: " + ex.getMessage(), ex);
		}
		return certificates;
	}

}
