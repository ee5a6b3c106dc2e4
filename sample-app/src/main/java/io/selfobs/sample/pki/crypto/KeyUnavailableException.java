package io.selfobs.sample.pki.crypto;

/**
 * A stored private key cannot be opened (wrong key-encryption key, tampered or unknown
 * format).
 */
class KeyUnavailableException extends RuntimeException {

	KeyUnavailableException(String message) {
		super(message);
	}

}
