package io.selfobs.bench.tools;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The raw single-thread ECDSA P-256 signing and verification rates (SHA256withECDSA over
 * a certificate-sized message) of one JCA provider: the ceiling an EST enrolment rate is
 * compared with, since each enrolment verifies the CSR's proof-of-possession signature
 * and signs the certificate.
 * <p>
 * Usage: {@code SigningRate <BC|SunEC> <warm-up seconds> <measured seconds>} (each for
 * signing, then for verifying); prints
 * {@code provider=.. signatures=.. seconds=.. per_second=.. verifications=..
 * verify_seconds=.. verify_per_second=..}.
 */
public final class SigningRate {

	/**
	 * About the size of the TBSCertificate of a leaf certificate with a few extensions.
	 */
	private static final int MESSAGE_BYTES = 600;

	private SigningRate() {
	}

	public static void main(String[] args) throws GeneralSecurityException {
		Provider provider = provider(args[0]);
		long warmUpNanos = Long.parseLong(args[1]) * 1_000_000_000L;
		long measuredNanos = Long.parseLong(args[2]) * 1_000_000_000L;
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keyPair = generator.generateKeyPair();
		byte[] message = new byte[MESSAGE_BYTES];
		new SecureRandom().nextBytes(message);
		Signature signature = Signature.getInstance("SHA256withECDSA", provider);
		Rate signing = measure(() -> signLoop(signature, keyPair, message, warmUpNanos),
				() -> signLoop(signature, keyPair, message, measuredNanos));
		signature.initSign(keyPair.getPrivate());
		signature.update(message);
		byte[] signed = signature.sign();
		Rate verifying = measure(() -> verifyLoop(signature, keyPair, message, signed, warmUpNanos),
				() -> verifyLoop(signature, keyPair, message, signed, measuredNanos));
		System.out.printf(
				"provider=%s signatures=%d seconds=%.2f per_second=%.1f verifications=%d "
						+ "verify_seconds=%.2f verify_per_second=%.1f%n",
				provider.getName(), signing.count(), signing.seconds(), signing.perSecond(), verifying.count(),
				verifying.seconds(), verifying.perSecond());
	}

	private static Rate measure(Loop warmUp, Loop measured) throws GeneralSecurityException {
		warmUp.run();
		long start = System.nanoTime();
		long count = measured.run();
		return new Rate(count, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * Verify with the public key decoded afresh each time, as from each CSR: a reused key
	 * object would let a provider reuse per-key precomputation that enrolments never get.
	 */
	private static long verifyLoop(Signature signature, KeyPair keyPair, byte[] message, byte[] signed, long nanos)
			throws GeneralSecurityException {
		KeyFactory keys = KeyFactory.getInstance("EC", signature.getProvider());
		X509EncodedKeySpec encoded = new X509EncodedKeySpec(keyPair.getPublic().getEncoded());
		long end = System.nanoTime() + nanos;
		long count = 0;
		while (System.nanoTime() < end) {
			signature.initVerify(keys.generatePublic(encoded));
			signature.update(message);
			if (!signature.verify(signed)) {
				throw new IllegalStateException("A valid signature did not verify");
			}
			count++;
		}
		return count;
	}

	private static long signLoop(Signature signature, KeyPair keyPair, byte[] message, long nanos)
			throws GeneralSecurityException {
		long end = System.nanoTime() + nanos;
		long count = 0;
		while (System.nanoTime() < end) {
			signature.initSign(keyPair.getPrivate());
			signature.update(message);
			message[0] = signature.sign()[8];
			count++;
		}
		return count;
	}

	@FunctionalInterface
	private interface Loop {

		long run() throws GeneralSecurityException;

	}

	private record Rate(long count, double seconds) {

		double perSecond() {
			return this.count / this.seconds;
		}

	}

	private static Provider provider(String name) {
		if ("BC".equals(name)) {
			Security.addProvider(new BouncyCastleProvider());
		}
		Provider provider = Security.getProvider(name);
		if (provider == null) {
			throw new IllegalArgumentException("Unknown JCA provider '" + name + "': use BC or SunEC");
		}
		return provider;
	}

}
