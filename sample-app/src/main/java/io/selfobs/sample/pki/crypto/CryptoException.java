package io.selfobs.sample.pki.crypto;

/**
 * A crypto engine operation failed. Never carries key material.
 */
public class CryptoException extends RuntimeException {

	CryptoException(String operation, Throwable cause) {
		super("Crypto operation '" + operation + "' failed: " + cause.getMessage(), cause);
	}

}
