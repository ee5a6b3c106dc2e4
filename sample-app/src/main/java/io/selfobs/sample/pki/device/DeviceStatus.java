package io.selfobs.sample.pki.device;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Status of a device. {@code REGISTERED} (no certificate yet), {@code ACTIVE} and
 * {@code REVOKED} are stored (the enum name is the column value); {@code EXPIRING} and
 * {@code EXPIRED} are derived from the certificate expiry when read.
 */
public enum DeviceStatus {

	REGISTERED, ACTIVE, EXPIRING, EXPIRED, REVOKED;

	/**
	 * The status a filter names, spelled exactly as the enum.
	 * @param value the filter value
	 * @return the status, or {@code null} when there is none of that name
	 */
	static @Nullable DeviceStatus parse(String value) {
		return Arrays.stream(values()).filter((status) -> status.name().equals(value)).findFirst().orElse(null);
	}

	static String allowed() {
		return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
	}

}
