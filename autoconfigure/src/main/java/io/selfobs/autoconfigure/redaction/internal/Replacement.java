package io.selfobs.autoconfigure.redaction.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a secret is replaced with. Internal, not API.
 */
public interface Replacement {

	String MASK = "[REDACTED]";

	/**
	 * Return the text that stands for a secret.
	 * @param secret the secret
	 * @return its replacement
	 */
	String replace(String secret);

	/**
	 * Whether a value is already a replacement, so that redacting twice changes nothing.
	 * @param value the value
	 * @return {@code true} if it was produced by {@link #replace(String)}
	 */
	boolean isReplacement(String value);

	static Replacement mask() {
		return Mask.INSTANCE;
	}

	static Replacement hmac(byte[] key) {
		return new Hmac(key);
	}

	enum Mask implements Replacement {

		INSTANCE;

		@Override
		public String replace(String secret) {
			return MASK;
		}

		@Override
		public boolean isReplacement(String value) {
			return MASK.equals(value);
		}

	}

	/**
	 * Keyed HMAC-SHA-256, truncated to 96 bits: equal secrets give equal replacements, so
	 * they stay correlatable, but without the key nobody can confirm a guess.
	 */
	final class Hmac implements Replacement {

		private static final String ALGORITHM = "HmacSHA256";

		private static final String PREFIX = "[HMAC:";

		private static final int TRUNCATED_BYTES = 12;

		private final ThreadLocal<Mac> macs;

		Hmac(byte[] key) {
			SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
			initialised(spec);
			this.macs = ThreadLocal.withInitial(() -> initialised(spec));
		}

		private static Mac initialised(SecretKeySpec spec) {
			try {
				Mac mac = Mac.getInstance(ALGORITHM);
				mac.init(spec);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
			}
		}

		@Override
		public String replace(String secret) {
			byte[] digest = this.macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return PREFIX
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TRUNCATED_BYTES))
					+ "]";
		}

		@Override
		public boolean isReplacement(String value) {
			return value.startsWith(PREFIX) && value.endsWith("]");
		}

		@Override
		public String toString() {
			return "HMAC-SHA-256 replacement (key not shown)";
		}

	}

}
