package io.selfobs.sample.pki.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The key-encryption key: generated once and reused, a bad configured value refused
 * without being echoed, and private keys sealed with it unreadable with another.
 */
class KeyEncryptionKeyTests {

	@TempDir
	Path dataDir;

	@Test
	void generatedKeyIsOwnerOnlyAndReusedAfterRestart() throws Exception {
		CryptoProperties properties = new CryptoProperties();

		byte[] first = CryptoConfiguration.keyEncryptionKey(properties, this.dataDir);
		byte[] second = CryptoConfiguration.keyEncryptionKey(properties, this.dataDir);

		assertThat(first).hasSize(32).isEqualTo(second);
		assertThat(PosixFilePermissions
			.toString(Files.getPosixFilePermissions(this.dataDir.resolve("key-encryption-key"))))
			.isEqualTo("rw-------");
	}

	@Test
	void invalidConfiguredKeyNamesThePropertyAndTheFixButNotTheValue() {
		CryptoProperties properties = new CryptoProperties();
		properties.setKeyEncryptionKey("c2hvcnQtc2VjcmV0");

		InvalidPkiPropertyException failure = catchThrowableOfType(InvalidPkiPropertyException.class,
				() -> CryptoConfiguration.keyEncryptionKey(properties, this.dataDir));

		assertThat(failure.getProperty()).isEqualTo("pki.crypto.key-encryption-key");
		assertThat(failure.getMessage() + failure.getAction()).contains("openssl rand -base64 32")
			.doesNotContain("c2hvcnQtc2VjcmV0");
	}

	@Test
	void keySealedWithOneKeyEncryptionKeyCannotBeOpenedWithAnother() {
		String sealed = new KeyEncryptor(new byte[32]).seal("private key bytes".getBytes());
		byte[] other = new byte[32];
		other[0] = 1;

		assertThat(new KeyEncryptor(new byte[32]).open(sealed)).asString().isEqualTo("private key bytes");
		assertThat(sealed).doesNotContain(Base64.getEncoder().encodeToString("private key bytes".getBytes()));
		KeyUnavailableException failure = catchThrowableOfType(KeyUnavailableException.class,
				() -> new KeyEncryptor(other).open(sealed));
		assertThat(failure.getMessage()).doesNotContain(sealed);
	}

}
