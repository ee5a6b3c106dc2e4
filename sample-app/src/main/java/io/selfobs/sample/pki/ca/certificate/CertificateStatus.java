package io.selfobs.sample.pki.ca.certificate;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Status of an issued certificate. {@code ACTIVE} and {@code REVOKED} are stored (the
 * enum name is the column value); {@code EXPIRED} is derived from {@code notAfter} when
 * read.
 */
public enum CertificateStatus {

	ACTIVE, REVOKED, EXPIRED;

	/**
	 * The status a filter names, spelled exactly as the enum.
	 * @param value the filter value
	 * @return the status, or {@code null} when there is none of that name
	 */
	static @Nullable CertificateStatus parse(String value) {
		return Arrays.stream(values()).filter((status) -> status.name().equals(value)).findFirst().orElse(null);
	}

	static String allowed() {
		return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
	}

}
