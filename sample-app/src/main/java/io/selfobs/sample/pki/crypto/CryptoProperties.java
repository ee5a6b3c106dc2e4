package io.selfobs.sample.pki.crypto;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the crypto engine, under {@code pki.crypto.*}.
 */
@ConfigurationProperties("pki.crypto")
public class CryptoProperties {

	/**
	 * AES-256 key (base64 of 32 bytes) encrypting CA private keys at rest. When unset,
	 * one is generated under the data directory on first start (demo only: keep it apart
	 * from the database in production).
	 */
	private @Nullable String keyEncryptionKey;

	public @Nullable String getKeyEncryptionKey() {
		return this.keyEncryptionKey;
	}

	public void setKeyEncryptionKey(@Nullable String keyEncryptionKey) {
		this.keyEncryptionKey = keyEncryptionKey;
	}

}
