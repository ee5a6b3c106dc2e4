package io.selfobs.sample.pki.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.crypto.x509.BouncyCastle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys generated and used in process with the BouncyCastle provider (on JDK 17 it signs
 * ECDSA P-256 several times faster than SunEC). Private keys are only ever stored
 * encrypted; the decrypted keys of the most recently used CAs stay in memory, so a
 * signature costs no decryption and key parsing.
 */
final class SoftwareCryptoEngine implements CryptoEngine {

	static final String ID = "software";

	/**
	 * Enough for every CA of a typical deployment; beyond it the least recently used key
	 * is decrypted again.
	 */
	static final int MAX_CACHED_KEYS = 64;

	private static final Provider PROVIDER = BouncyCastle.PROVIDER;

	private final KeyEncryptor encryptor;

	private final Map<String, PrivateKey> keys = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, PrivateKey> eldest) {
			return size() > MAX_CACHED_KEYS;
		}

	});

	private static final List<String> FAILURE_REASONS = List.of("key_unavailable", "provider_error", "operation_error");

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	SoftwareCryptoEngine(KeyEncryptor encryptor, ObservationRegistry observations, MeterRegistry meters) {
		this.encryptor = encryptor;
		this.observations = observations;
		this.meters = meters;
		// Every reason from zero: an alert on increase() sees the very first failure of a
		// process
		for (String reason : FAILURE_REASONS) {
			failures(reason);
		}
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public GeneratedKey generateKey(KeyAlgorithm algorithm) {
		return observe("generate_key", () -> {
			KeyPair pair = algorithm.keyPairGenerator(PROVIDER).generateKeyPair();
			byte[] encoded = pair.getPrivate().getEncoded();
			try {
				return new GeneratedKey(pair.getPublic(), this.encryptor.seal(encoded));
			}
			finally {
				Arrays.fill(encoded, (byte) 0);
			}
		});
	}

	@Override
	public <T> T sign(String keyReference, KeyAlgorithm algorithm, Function<ContentSigner, T> operation) {
		return observe("sign", () -> {
			PrivateKey key = observe("key_load", () -> cachedKey(keyReference, algorithm));
			ContentSigner signer = contentSigner(key, algorithm);
			return operation.apply(signer);
		});
	}

	private PrivateKey cachedKey(String keyReference, KeyAlgorithm algorithm) throws GeneralSecurityException {
		PrivateKey key = this.keys.get(keyReference);
		if (key == null) {
			key = loadKey(keyReference, algorithm);
			this.keys.put(keyReference, key);
		}
		return key;
	}

	private PrivateKey loadKey(String keyReference, KeyAlgorithm algorithm) throws GeneralSecurityException {
		byte[] encoded = this.encryptor.open(keyReference);
		try {
			String family = switch (algorithm) {
				case ECDSA_P256 -> "EC";
				case RSA_2048, RSA_3072 -> "RSA";
				case ED25519 -> "Ed25519";
			};
			return KeyFactory.getInstance(family, PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(encoded));
		}
		finally {
			Arrays.fill(encoded, (byte) 0);
		}
	}

	private static ContentSigner contentSigner(PrivateKey key, KeyAlgorithm algorithm)
			throws OperatorCreationException {
		return new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).setProvider(PROVIDER).build(key);
	}

	private <T> T observe(String operationType, CryptoCall<T> call) {
		Observation observation = Observation.createNotStarted("crypto.operation.duration", this.observations)
			.contextualName("crypto " + operationType.replace('_', ' '))
			.lowCardinalityKeyValue("engine_id", ID)
			.lowCardinalityKeyValue("operation_type", operationType);
		return observation.observe(() -> {
			try {
				return call.call();
			}
			catch (CryptoException ex) {
				throw ex;
			}
			catch (Exception ex) {
				failed(ex);
				throw new CryptoException(operationType, ex);
			}
		});
	}

	private void failed(Exception ex) {
		String reason = (ex instanceof KeyUnavailableException) ? "key_unavailable"
				: (ex instanceof GeneralSecurityException || ex instanceof OperatorCreationException) ? "provider_error"
						: "operation_error";
		failures(reason).increment();
	}

	private Counter failures(String reason) {
		return Counter.builder("crypto.operation.failed")
			.description("Crypto engine operations that failed")
			.tag("engine_id", ID)
			.tag("failure_reason", reason)
			.register(this.meters);
	}

	@FunctionalInterface
	private interface CryptoCall<T> {

		T call() throws Exception;

	}

}
