package io.selfobs.sample.pki.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;

/**
 * Key algorithms a CA can be created with.
 */
public enum KeyAlgorithm {

	ECDSA_P256("SHA256withECDSA"), RSA_2048("SHA256withRSA"), RSA_3072("SHA256withRSA"), ED25519("Ed25519");

	private final String signatureAlgorithm;

	KeyAlgorithm(String signatureAlgorithm) {
		this.signatureAlgorithm = signatureAlgorithm;
	}

	/**
	 * The JCA signature algorithm a key of this kind signs certificates with.
	 * @return the signature algorithm name
	 */
	public String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	KeyPairGenerator keyPairGenerator(Provider provider) throws GeneralSecurityException {
		return switch (this) {
			case ECDSA_P256 -> {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
				generator.initialize(new ECGenParameterSpec("secp256r1"));
				yield generator;
			}
			case RSA_2048, RSA_3072 -> {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
				generator.initialize((this == RSA_2048) ? 2048 : 3072);
				yield generator;
			}
			case ED25519 -> KeyPairGenerator.getInstance("Ed25519", provider);
		};
	}

}
