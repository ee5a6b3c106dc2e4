package io.selfobs.sample.pki.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The pre-shared token ({@code pki.ca.service-token}) an EST instance presents to a
 * separate CA instance as {@code Authorization: Bearer}. A random token of at least 256
 * bits needs no slow hash: it is checked with one SHA-256 and a constant-time comparison
 * instead of the BCrypt a password costs. Never printed.
 */
public final class ServiceToken {

	/**
	 * The property holding the token.
	 */
	public static final String PROPERTY = "pki.ca.service-token";

	private static final int MIN_LENGTH = 32;

	/** RFC 6750 {@code b64token}: what may follow {@code Bearer} in a header. */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final String ACTION = "Set " + PROPERTY + " (environment variable PKI_CA_SERVICE_TOKEN) to the "
			+ "same random value on the CA and the EST instances: at least " + MIN_LENGTH + " characters of "
			+ "letters, digits, '-._~+/' and trailing '=', for example the output of 'openssl rand -base64 32'.";

	private final String value;

	private final byte[] digest;

	private ServiceToken(String value) {
		this.value = value;
		this.digest = sha256(value);
	}

	/**
	 * The token an instance must have.
	 * @param value the configured value
	 * @param why why this instance needs it, for the startup failure message
	 * @return the token
	 * @throws InvalidPkiPropertyException when it is missing or unusable
	 */
	public static ServiceToken required(@Nullable String value, String why) {
		if (value == null || value.isEmpty()) {
			throw new InvalidPkiPropertyException(PROPERTY, "is not set: " + why, ACTION);
		}
		return of(value);
	}

	/**
	 * The token an instance may have.
	 * @param value the configured value, or {@code null}
	 * @return the token, empty when not configured
	 * @throws InvalidPkiPropertyException when it is set but unusable
	 */
	public static Optional<ServiceToken> optional(@Nullable String value) {
		return (value == null || value.isEmpty()) ? Optional.empty() : Optional.of(of(value));
	}

	private static ServiceToken of(String value) {
		if (value.length() < MIN_LENGTH) {
			throw unusable("it has " + value.length() + " characters, fewer than " + MIN_LENGTH);
		}
		if (!B64TOKEN.matcher(value).matches()) {
			throw unusable("it has characters that cannot follow 'Bearer' in a header");
		}
		return new ServiceToken(value);
	}

	private static InvalidPkiPropertyException unusable(String why) {
		return new InvalidPkiPropertyException(PROPERTY, "has an unusable value (not shown: it is a secret): " + why,
				ACTION);
	}

	/**
	 * Add the token to request headers.
	 * @param headers the headers of a call to the CA API
	 */
	public void authorize(HttpHeaders headers) {
		headers.setBearerAuth(this.value);
	}

	/**
	 * Whether a presented token is this one, in time independent of where they differ and
	 * of their lengths.
	 * @param presented the token from a request
	 * @return whether it matches
	 */
	public boolean matches(String presented) {
		return presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	@Override
	public String toString() {
		return "ServiceToken[not shown]";
	}

}
