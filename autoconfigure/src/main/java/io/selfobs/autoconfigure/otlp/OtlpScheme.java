package io.selfobs.autoconfigure.otlp;

/**
 * URL scheme of a collector given by host name and port.
 */
public enum OtlpScheme implements OtelValue {

	/**
	 * Plain text, {@code http}.
	 */
	HTTP("http"),

	/**
	 * TLS, {@code https}.
	 */
	HTTPS("https");

	private final String value;

	OtlpScheme(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	@Override
	public String valueSetName() {
		return "scheme";
	}

}
