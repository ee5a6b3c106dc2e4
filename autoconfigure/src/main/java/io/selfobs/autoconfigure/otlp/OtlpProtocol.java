package io.selfobs.autoconfigure.otlp;

/**
 * OTLP transports, with the well-known collector port of each.
 */
public enum OtlpProtocol implements OtelValue {

	/**
	 * Protobuf over HTTP, {@code http/protobuf}.
	 */
	HTTP_PROTOBUF("http/protobuf", 4318),

	/**
	 * gRPC, {@code grpc}.
	 */
	GRPC("grpc", 4317);

	private final String value;

	private final int defaultPort;

	OtlpProtocol(String value, int defaultPort) {
		this.value = value;
		this.defaultPort = defaultPort;
	}

	@Override
	public String value() {
		return this.value;
	}

	@Override
	public String valueSetName() {
		return "OTLP protocol";
	}

	/**
	 * The collector port the OpenTelemetry specification assigns to this transport.
	 * @return the default port
	 */
	public int defaultPort() {
		return this.defaultPort;
	}

}
