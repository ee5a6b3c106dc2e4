package io.selfobs.sample.pki.crypto.x509;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider, used by instance rather than registered globally: no
 * ordering dependency on {@code Security.addProvider} and no change to the JVM-wide
 * provider list.
 */
public final class BouncyCastle {

	public static final Provider PROVIDER = new BouncyCastleProvider();

	private BouncyCastle() {
	}

}
