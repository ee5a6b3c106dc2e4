package io.selfobs.autoconfigure.otlp.destination;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.selfobs.autoconfigure.otlp.OtlpProtocol;
import io.selfobs.autoconfigure.otlp.OtlpSignal;

import org.springframework.boot.ssl.SslBundle;

/**
 * Where and how one signal is exported, resolved once from {@code otel.<signal>.*},
 * {@code otel.exporter.otlp.*} and the defaults. Every transport builds its exporter from
 * this one model.
 *
 * @param signal the signal
 * @param protocol the transport
 * @param endpoint the URL to send to: the full {@code /v1/<signal>} URL for
 * http/protobuf, the base URL for grpc
 * @param headers headers for every request, authentication included
 * @param gzip whether payloads are gzip-compressed
 * @param timeout time limit of one export request
 * @param ssl TLS trust and client key material, empty to use the JVM defaults
 */
public record OtlpDestination(OtlpSignal signal, OtlpProtocol protocol, URI endpoint, Map<String, String> headers,
		boolean gzip, Duration timeout, Optional<SslBundle> ssl) {

	/**
	 * The transport as a metric tag value.
	 * @return {@code grpc} or {@code http/protobuf}
	 */
	public String transport() {
		return this.protocol.value();
	}

	/**
	 * Configure an OpenTelemetry exporter builder with this destination.
	 * @param target the builder's setters
	 */
	public void applyTo(OtlpExporterTarget target) {
		target.endpoint().accept(this.endpoint.toString());
		this.headers.forEach(target.header());
		target.compression().accept(this.gzip ? "gzip" : "none");
		target.timeout().accept(this.timeout);
		this.ssl.ifPresent((bundle) -> target.sslContext().accept(bundle.createSslContext(), trustManager(bundle)));
	}

	/**
	 * The X.509 trust manager of a bundle.
	 * @param bundle the bundle
	 * @return its trust manager
	 */
	public static X509TrustManager trustManager(SslBundle bundle) {
		TrustManager[] managers = bundle.getManagers().getTrustManagers();
		return Arrays.stream(managers)
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No X.509 trust manager in the TLS bundle"));
	}

	@Override
	public String toString() {
		return "OtlpDestination[" + this.signal.tagValue() + " via " + transport() + " to " + this.endpoint
				+ ", headers=" + this.headers.keySet() + ", gzip=" + this.gzip + ", timeout=" + this.timeout + ", tls="
				+ this.ssl.isPresent() + "]";
	}

}
