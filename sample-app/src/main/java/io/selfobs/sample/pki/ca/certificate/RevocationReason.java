package io.selfobs.sample.pki.ca.certificate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * CRL reason codes of RFC 5280 §5.3.1 (value 7 is unused).
 */
public enum RevocationReason {

	UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
	CESSATION_OF_OPERATION(5), CERTIFICATE_HOLD(6), REMOVE_FROM_CRL(8), PRIVILEGE_WITHDRAWN(9), AA_COMPROMISE(10);

	private final int code;

	RevocationReason(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	/**
	 * The RFC 5280 name, for example {@code keyCompromise}.
	 * @return the name as spelled in RFC 5280
	 */
	public String rfcName() {
		String[] words = name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder name = new StringBuilder(words[0].equals("ca") ? "cA" : words[0]);
		for (int i = 1; i < words.length; i++) {
			name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return (this == AA_COMPROMISE) ? "aACompromise" : (this == REMOVE_FROM_CRL) ? "removeFromCRL" : name.toString();
	}

	/**
	 * Parse an RFC 5280 name ({@code keyCompromise}) or an enum name
	 * ({@code KEY_COMPROMISE}).
	 * @param value the reason
	 * @return the reason, or {@code null} when unknown
	 */
	public static @Nullable RevocationReason parse(@Nullable String value) {
		return Arrays.stream(values())
			.filter((reason) -> reason.rfcName().equalsIgnoreCase(value) || reason.name().equalsIgnoreCase(value))
			.findFirst()
			.orElse(null);
	}

	static String allowed() {
		return Arrays.stream(values()).map(RevocationReason::rfcName).collect(Collectors.joining(", "));
	}

}
