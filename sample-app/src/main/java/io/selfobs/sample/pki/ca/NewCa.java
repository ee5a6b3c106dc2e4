package io.selfobs.sample.pki.ca;

import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * What a new CA should be.
 *
 * @param id the id (lower-case letters, digits and dashes), or {@code null} for a
 * generated one
 * @param name display name
 * @param subject subject DN, for example {@code CN=Devices CA,O=Example}
 * @param keyAlgorithm key algorithm, {@code ECDSA_P256} when {@code null}
 * @param validityDays validity in days, 3650 when {@code null}
 * @param parentId parent CA for a subordinate CA, {@code null} for a root CA
 */
public record NewCa(@Nullable String id, @Nullable String name, @Nullable String subject,
		@Nullable KeyAlgorithm keyAlgorithm, @Nullable Integer validityDays, @Nullable String parentId) {
}
