package io.selfobs.sample.pki.device;

/**
 * An enrollment for a device that belongs to another DMS: only an operator may move a
 * device.
 */
public class DeviceInOtherDmsException extends RuntimeException {

	DeviceInOtherDmsException(String deviceId, String dmsId) {
		super("Device '" + deviceId + "' belongs to another DMS than '" + dmsId
				+ "'; only an operator can move it there");
	}

}
