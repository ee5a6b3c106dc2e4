package io.selfobs.sample.pki.dms;

import java.time.Instant;
import java.util.List;

/**
 * An enrollment profile (device manufacturing system): which CA issues, how devices
 * authenticate, whether they must be registered beforehand.
 *
 * @param id the id, also the EST label
 * @param name display name
 * @param issuingCaId the CA that signs enrolled certificates
 * @param authMode how enrollment requests authenticate
 * @param bootstrapCaIds CAs whose certificates are accepted for
 * {@code CLIENT_CERTIFICATE} enrollment
 * @param registrationMode whether enrollment creates devices just in time
 * @param validityDays validity of issued certificates
 * @param reenrollWindowDays how long before expiry re-enrollment is accepted
 * @param reenrollCaIds CAs whose certificates are accepted for re-enrollment; empty for
 * the issuing CA only
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Dms(String id, String name, String issuingCaId, AuthMode authMode, List<String> bootstrapCaIds,
		RegistrationMode registrationMode, int validityDays, int reenrollWindowDays, List<String> reenrollCaIds,
		Instant createdAt, Instant updatedAt) {

	/**
	 * The CAs whose certificates this DMS accepts for re-enrollment: the allow-list, or
	 * the issuing CA. A client certificate must also have been issued through this DMS.
	 * @return the CA ids
	 */
	public List<String> effectiveReenrollCaIds() {
		return this.reenrollCaIds.isEmpty() ? List.of(this.issuingCaId) : this.reenrollCaIds;
	}

	/**
	 * How EST enrollment requests authenticate.
	 */
	public enum AuthMode {

		/** No client authentication: demo only. */
		NO_AUTH,
		/** A TLS client certificate issued by one of the bootstrap CAs. */
		CLIENT_CERTIFICATE,
		/** HTTP Basic with operator credentials. */
		HTTP_BASIC

	}

	/**
	 * Whether unknown devices may enroll.
	 */
	public enum RegistrationMode {

		/** Enrollment creates the device. */
		JIT,
		/** Only devices registered through the device API may enroll. */
		PRE_REGISTERED

	}

}
