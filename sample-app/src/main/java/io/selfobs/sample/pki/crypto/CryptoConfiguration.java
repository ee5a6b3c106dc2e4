package io.selfobs.sample.pki.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import io.selfobs.sample.pki.config.PkiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The crypto engine and the key-encryption key protecting CA private keys.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

	static final String KEK_PROPERTY = "pki.crypto.key-encryption-key";

	@Bean
	CryptoEngine softwareCryptoEngine(CryptoProperties crypto, PkiProperties pki, ObservationRegistry observations,
			MeterRegistry meters) throws IOException {
		return new SoftwareCryptoEngine(new KeyEncryptor(keyEncryptionKey(crypto, pki.getDataDir())), observations,
				meters);
	}

	static byte[] keyEncryptionKey(CryptoProperties crypto, Path dataDir) throws IOException {
		String configured = crypto.getKeyEncryptionKey();
		if (configured != null) {
			return decode(configured);
		}
		Path file = dataDir.resolve("key-encryption-key");
		if (!Files.exists(file)) {
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.createDirectories(file.getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			restrictToOwner(file);
			log.atWarn()
				.addKeyValue("file.path", file.toAbsolutePath().toString())
				.log("Generated a key-encryption key for CA private keys next to the database: demo only, set "
						+ KEK_PROPERTY + " from a secret store in production");
		}
		return decode(Files.readString(file).trim());
	}

	private static byte[] decode(String value) {
		try {
			byte[] key = Base64.getDecoder().decode(value.trim());
			if (key.length == 32) {
				return key;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through to the explanation below
		}
		// The value is a secret: never echo it (Boot's
		// InvalidConfigurationPropertyValueException would, from the
		// environment)
		throw new InvalidPkiPropertyException(KEK_PROPERTY, "has an unusable value (not shown: it is a secret)",
				"Set it to the base64 encoding of exactly 32 random bytes (AES-256), for example the output of "
						+ "'openssl rand -base64 32'.");
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: nothing more we can do here
		}
	}

}
