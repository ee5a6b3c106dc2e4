package io.selfobs.autoconfigure.otlp;

/**
 * Compression of OTLP export payloads.
 */
public enum OtlpCompression implements OtelValue {

	/**
	 * gzip, {@code gzip}.
	 */
	GZIP("gzip"),

	/**
	 * No compression, {@code none}.
	 */
	NONE("none");

	private final String value;

	OtlpCompression(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	@Override
	public String valueSetName() {
		return "compression";
	}

}
