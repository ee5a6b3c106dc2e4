package io.selfobs.autoconfigure.otlp.destination;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * The setters of an OpenTelemetry OTLP exporter builder. The span and log exporter
 * builders, for both transports, share these method names but no interface; this record
 * lets one {@link OtlpDestination#applyTo(OtlpExporterTarget)} configure any of them,
 * e.g.
 * {@code new OtlpExporterTarget(b::setEndpoint, b::addHeader, b::setCompression, b::setTimeout, b::setSslContext)}.
 *
 * @param endpoint sets the endpoint URL
 * @param header adds one header
 * @param compression sets the compression method
 * @param timeout sets the export timeout
 * @param sslContext sets the TLS context and its trust manager
 */
public record OtlpExporterTarget(Consumer<String> endpoint, BiConsumer<String, String> header,
		Consumer<String> compression, Consumer<Duration> timeout, BiConsumer<SSLContext, X509TrustManager> sslContext) {
}
