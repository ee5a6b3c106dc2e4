package io.selfobs.sample.pki.device;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A device as the device manager sees it.
 *
 * @param id the device id (the CN of its certificates)
 * @param dmsId the DMS it enrolls through
 * @param status the status, with expiry applied
 * @param certificateSerial serial of the current certificate
 * @param certificateNotAfter expiry of the current certificate
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Device(String id, String dmsId, DeviceStatus status, @Nullable String certificateSerial,
		@Nullable Instant certificateNotAfter, Instant createdAt, Instant updatedAt) {
}
