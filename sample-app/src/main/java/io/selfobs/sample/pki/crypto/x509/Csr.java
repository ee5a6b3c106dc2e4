package io.selfobs.sample.pki.crypto.x509;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * A parsed PKCS#10 certificate signing request, checked against the issuance policy.
 */
public final class Csr {

	private static final Set<ASN1ObjectIdentifier> ACCEPTED_CURVES = Set.of(SECObjectIdentifiers.secp256r1,
			SECObjectIdentifiers.secp384r1);

	private static final int MIN_RSA_BITS = 2048;

	/**
	 * Longest common name: RFC 5280's {@code ub-common-name}.
	 */
	public static final int MAX_COMMON_NAME = 64;

	/**
	 * Longest subject DN (as a string), what the certificate store holds.
	 */
	public static final int MAX_SUBJECT = 1000;

	private final PKCS10CertificationRequest request;

	/** The request is immutable: once its signature verified, it always will. */
	private volatile boolean signatureVerified;

	private Csr(PKCS10CertificationRequest request) {
		this.request = request;
	}

	/**
	 * Parse a DER-encoded CSR.
	 * @param der the encoded request
	 * @return the parsed request
	 * @throws CsrException with reason {@code MALFORMED} when the bytes are not a PKCS#10
	 * request
	 */
	public static Csr fromDer(byte[] der) {
		try {
			return new Csr(new PKCS10CertificationRequest(der));
		}
		catch (IOException | RuntimeException ex) {
			throw new CsrException(CsrException.Reason.MALFORMED, "The body is not a DER-encoded PKCS#10 request");
		}
	}

	/**
	 * Parse a PEM-encoded CSR.
	 * @param pem the PEM text
	 * @return the parsed request
	 */
	public static Csr fromPem(String pem) {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			if (parser.readObject() instanceof PKCS10CertificationRequest request) {
				return new Csr(request);
			}
		}
		catch (IOException | RuntimeException ex) {
			// reported below
		}
		throw new CsrException(CsrException.Reason.MALFORMED, "The csr field is not a PEM certificate request");
	}

	public PKCS10CertificationRequest request() {
		return this.request;
	}

	public X500Name subject() {
		return this.request.getSubject();
	}

	public SubjectPublicKeyInfo publicKeyInfo() {
		return this.request.getSubjectPublicKeyInfo();
	}

	/**
	 * The first common name of the subject, or {@code null}.
	 * @return the common name
	 */
	public @Nullable String commonName() {
		return commonName(this.request.getSubject());
	}

	/**
	 * The common name of a request that passed {@link #checkPolicy()}, which requires
	 * one.
	 * @return the common name
	 * @throws IllegalStateException when the subject has no common name
	 */
	public String requiredCommonName() {
		String commonName = commonName();
		if (commonName == null) {
			throw new IllegalStateException("The CSR subject carries no common name: checkPolicy() refuses it");
		}
		return commonName;
	}

	/**
	 * What is wrong with a common name (also a device id), or {@code null}: blank, longer
	 * than {@value #MAX_COMMON_NAME} characters, or with control characters.
	 * @param commonName the common name
	 * @return the problem, or {@code null}
	 */
	public static @Nullable String commonNameProblem(String commonName) {
		if (commonName.isBlank()) {
			return "is blank";
		}
		if (commonName.length() > MAX_COMMON_NAME) {
			return "has " + commonName.length() + " characters, more than " + MAX_COMMON_NAME + " (RFC 5280)";
		}
		if (commonName.chars().anyMatch(Character::isISOControl)) {
			return "contains control characters";
		}
		return null;
	}

	public static @Nullable String commonName(X500Name name) {
		RDN[] rdns = name.getRDNs(BCStyle.CN);
		return (rdns.length > 0) ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : null;
	}

	/**
	 * The subject alternative names requested in the extensionRequest attribute, or
	 * {@code null}.
	 * @return the requested names
	 */
	public @Nullable GeneralNames subjectAlternativeNames() {
		Extensions extensions = this.request.getRequestedExtensions();
		return (extensions != null) ? GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName) : null;
	}

	/**
	 * Verify the proof of possession: the request is signed by the key it carries.
	 * Verified once per instance.
	 * @return this request
	 */
	public Csr verifySignature() {
		if (this.signatureVerified) {
			return this;
		}
		try {
			ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder()
				.setProvider(BouncyCastle.PROVIDER)
				.build(this.request.getSubjectPublicKeyInfo());
			if (this.request.isSignatureValid(verifier)) {
				this.signatureVerified = true;
				return this;
			}
		}
		catch (Exception ex) {
			// reported below
		}
		throw new CsrException(CsrException.Reason.INVALID_SIGNATURE,
				"The CSR signature does not verify with the public key it carries");
	}

	/**
	 * Check the issuance policy: a common name, and an accepted key type and size.
	 * @return this request
	 */
	public Csr checkPolicy() {
		String commonName = commonName();
		if (commonName == null || commonName.isBlank()) {
			throw policyViolation("The CSR subject must carry a common name (CN), used as the device id");
		}
		String problem = commonNameProblem(commonName);
		if (problem != null) {
			throw policyViolation("The CSR common name " + problem);
		}
		if (subject().toString().length() > MAX_SUBJECT) {
			throw policyViolation("The CSR subject has more than " + MAX_SUBJECT + " characters");
		}
		AlgorithmIdentifier algorithm = publicKeyInfo().getAlgorithm();
		ASN1ObjectIdentifier keyType = algorithm.getAlgorithm();
		if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
			int bits = rsaBits();
			if (bits < MIN_RSA_BITS) {
				throw policyViolation("RSA keys must have at least " + MIN_RSA_BITS + " bits, the CSR has " + bits);
			}
		}
		else if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
			if (!ACCEPTED_CURVES.contains(ASN1ObjectIdentifier.getInstance(algorithm.getParameters()))) {
				throw policyViolation("EC keys must be on P-256 or P-384");
			}
		}
		else if (!keyType.equals(EdECObjectIdentifiers.id_Ed25519)) {
			throw policyViolation(
					"Unsupported key type " + keyType.getId() + ": use ECDSA P-256/P-384, RSA or Ed25519");
		}
		return this;
	}

	private int rsaBits() {
		try {
			PublicKey key = new JcaPKCS10CertificationRequest(this.request).setProvider(BouncyCastle.PROVIDER)
				.getPublicKey();
			return ((RSAPublicKey) key).getModulus().bitLength();
		}
		catch (Exception ex) {
			throw new CsrException(CsrException.Reason.MALFORMED, "The CSR carries an unreadable RSA key");
		}
	}

	private static CsrException policyViolation(String message) {
		return new CsrException(CsrException.Reason.POLICY_VIOLATION, message);
	}

}
