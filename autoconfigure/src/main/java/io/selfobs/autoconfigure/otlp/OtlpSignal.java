package io.selfobs.autoconfigure.otlp;

/**
 * The three OpenTelemetry signals, with where each one is configured and where it is
 * sent.
 */
public enum OtlpSignal {

	METRICS("otel.metrics", "/v1/metrics", "opentelemetry.proto.collector.metrics.v1.MetricsService/Export"),

	TRACES("otel.traces", "/v1/traces", "opentelemetry.proto.collector.trace.v1.TraceService/Export"),

	LOGS("otel.logging", "/v1/logs", "opentelemetry.proto.collector.logs.v1.LogsService/Export");

	private final String prefix;

	private final String httpPath;

	private final String grpcMethod;

	OtlpSignal(String prefix, String httpPath, String grpcMethod) {
		this.prefix = prefix;
		this.httpPath = httpPath;
		this.grpcMethod = grpcMethod;
	}

	/**
	 * Property prefix of the signal's own settings, e.g. {@code otel.metrics}.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Path the OTLP/HTTP specification assigns to the signal, e.g. {@code /v1/metrics}.
	 * @return the path
	 */
	public String httpPath() {
		return this.httpPath;
	}

	/**
	 * Full gRPC method name of the collector's export service for the signal.
	 * @return the method name
	 */
	public String grpcMethod() {
		return this.grpcMethod;
	}

	/**
	 * Lower-case name used as a metric tag.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
