package io.selfobs.sample.pki.crypto;

import java.security.PublicKey;
import java.util.function.Function;

import org.bouncycastle.operator.ContentSigner;

/**
 * Where CA keys live and sign. Callers only ever hold an opaque key reference.
 */
public interface CryptoEngine {

	/**
	 * Identifier of this engine, carried as the {@code engine_id} metric label.
	 * @return the engine id
	 */
	String id();

	/**
	 * Generate a new key pair.
	 * @param algorithm the key algorithm
	 * @return the public key and the reference to the private key
	 */
	GeneratedKey generateKey(KeyAlgorithm algorithm);

	/**
	 * Run an operation with a signer backed by the referenced private key.
	 * @param <T> the result type
	 * @param keyReference the reference returned by {@link #generateKey}
	 * @param algorithm the algorithm of the key
	 * @param operation what to sign (for example building a certificate)
	 * @return the result of the operation
	 */
	<T> T sign(String keyReference, KeyAlgorithm algorithm, Function<ContentSigner, T> operation);

	/**
	 * A new key pair.
	 *
	 * @param publicKey the public key
	 * @param keyReference opaque reference to the private key, safe to store
	 */
	record GeneratedKey(PublicKey publicKey, String keyReference) {
	}

}
