package io.selfobs.sample.pki.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with AES-256-GCM. The key-encryption key never leaves
 * this class.
 */
final class KeyEncryptor {

	private static final String PREFIX = "aesgcm1:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	KeyEncryptor(byte[] keyEncryptionKey) {
		this.key = new SecretKeySpec(keyEncryptionKey, "AES");
	}

	String seal(byte[] plaintext) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(plaintext);
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Key encryption failed", ex);
		}
	}

	byte[] open(String sealed) {
		if (!sealed.startsWith(PREFIX)) {
			throw new KeyUnavailableException("Unknown key reference format");
		}
		try {
			byte[] data = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
			return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// Wrong key-encryption key or tampered data: say so without echoing any key
			// material
			throw new KeyUnavailableException(
					"CA private key cannot be decrypted with the configured key-encryption key");
		}
	}

}
