package io.selfobs.autoconfigure.otlp;

import java.util.Arrays;
import java.util.Optional;

/**
 * OTLP transports, with the well-known collector port of each.
 */
public enum OtlpProtocol {

	HTTP_PROTOBUF("http/protobuf", 4318),

	GRPC("grpc", 4317);

	private final String value;

	private final int defaultPort;

	OtlpProtocol(String value, int defaultPort) {
		this.value = value;
		this.defaultPort = defaultPort;
	}

	/**
	 * The value as written in configuration, e.g. {@code http/protobuf}.
	 * @return the configuration value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The collector port the OpenTelemetry specification assigns to this transport.
	 * @return the default port
	 */
	public int defaultPort() {
		return this.defaultPort;
	}

	/**
	 * Find the protocol a configuration value names.
	 * @param value the configured value
	 * @return the protocol, or empty when the value names none
	 */
	public static Optional<OtlpProtocol> of(String value) {
		return Arrays.stream(values()).filter((protocol) -> protocol.value.equalsIgnoreCase(value.trim())).findFirst();
	}

}
