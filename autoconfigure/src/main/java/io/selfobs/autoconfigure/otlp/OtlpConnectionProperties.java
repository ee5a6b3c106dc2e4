package io.selfobs.autoconfigure.otlp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The connection fields both {@code otel.exporter.otlp.*} and each signal's settings
 * have: one definition, so the shared defaults and the signal settings are bound,
 * documented and validated alike.
 */
public class OtlpConnectionProperties {

	/**
	 * Collector URL. Shared: a base URL, http/protobuf appends /v1/{signal}. Per signal:
	 * the full URL; conflicts with hostname/port/scheme.
	 */
	private @Nullable String endpoint;

	/**
	 * Transport: http/protobuf (default) or grpc.
	 */
	private @Nullable OtlpProtocol protocol;

	/**
	 * Headers sent with every export request (e.g. an API key).
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Payload compression: gzip or none (default).
	 */
	private @Nullable OtlpCompression compression;

	/**
	 * Time limit of one export request; defaults to 10s.
	 */
	private @Nullable Duration timeout;

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable OtlpProtocol getProtocol() {
		return this.protocol;
	}

	public void setProtocol(@Nullable OtlpProtocol protocol) {
		this.protocol = protocol;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public @Nullable OtlpCompression getCompression() {
		return this.compression;
	}

	public void setCompression(@Nullable OtlpCompression compression) {
		this.compression = compression;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

}
