package io.selfobs.sample.pki.device;

/**
 * A certificate issued through EST, with the DMS it was issued for.
 *
 * @param serial the serial number in lower-case hex
 * @param dmsId the DMS it was issued for (or moved to with its device)
 * @param deviceId the device it was issued to
 */
public record DmsCertificate(String serial, String dmsId, String deviceId) {
}
