package io.selfobs.autoconfigure.otlp.destination;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.selfobs.autoconfigure.otlp.OtelProperties;
import io.selfobs.autoconfigure.otlp.OtlpCompression;
import io.selfobs.autoconfigure.otlp.OtlpProtocol;
import io.selfobs.autoconfigure.otlp.OtlpScheme;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import io.selfobs.autoconfigure.otlp.internal.config.OtlpTlsBundles;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Resolves the {@link OtlpDestination} of a signal: signal settings win over
 * {@code otel.exporter.otlp.*}, which win over the OpenTelemetry defaults. The one place
 * that decides whether and where a signal is sent.
 */
public class OtlpDestinationResolver {

	private static final Log logger = LogFactory.getLog(OtlpDestinationResolver.class);

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final OtelProperties otel;

	private final @Nullable SslBundles sslBundles;

	private final Set<OtlpSignal> portWarnings = ConcurrentHashMap.newKeySet();

	/**
	 * A resolver without SSL bundles: {@code otel.<signal>.tls.ssl-bundle} is refused.
	 * @param otel the settings
	 */
	public OtlpDestinationResolver(OtelProperties otel) {
		this(otel, null);
	}

	/**
	 * A resolver that finds {@code otel.<signal>.tls.ssl-bundle} names among the
	 * application's SSL bundles.
	 * @param otel the settings
	 * @param sslBundles the application's SSL bundles, or {@code null} when there are
	 * none
	 */
	public OtlpDestinationResolver(OtelProperties otel, @Nullable SslBundles sslBundles) {
		this.otel = otel;
		this.sslBundles = sslBundles;
	}

	/**
	 * Whether the signal is exported, by the one enablement rule all signals share.
	 * @param signal the signal's settings
	 * @return whether to export
	 */
	public boolean isEnabled(OtlpSignalProperties signal) {
		return OtlpExportRule
			.decide(signal.signal(), this.otel.isEnabled(), signal.getEnabled(), signal.getEndpoint(),
					signal.getHostname(), this.otel.getExporter().getOtlp().getEndpoint())
			.exports();
	}

	/**
	 * Resolve where and how to export a signal.
	 * @param signal the signal's settings
	 * @return the destination, or empty when the signal is not exported
	 */
	public Optional<OtlpDestination> resolve(OtlpSignalProperties signal) {
		if (!isEnabled(signal)) {
			return Optional.empty();
		}
		OtelProperties.Defaults defaults = this.otel.getExporter().getOtlp();
		OtlpProtocol protocol = firstSet(signal.getProtocol(), defaults.getProtocol(), OtlpProtocol.HTTP_PROTOBUF);
		URI endpoint = endpoint(signal, defaults, protocol);
		warnOnPortMismatch(signal.signal(), protocol, endpoint);
		OtlpCompression compression = firstSet(signal.getCompression(), defaults.getCompression(),
				OtlpCompression.NONE);
		Duration timeout = (signal.getTimeout() != null) ? signal.getTimeout()
				: (defaults.getTimeout() != null) ? defaults.getTimeout() : DEFAULT_TIMEOUT;
		Optional<SslBundle> ssl = OtlpTlsBundles.of(signal.signal().prefix() + ".tls", signal.getTls(),
				this.sslBundles);
		return Optional.of(new OtlpDestination(signal.signal(), protocol, endpoint, headers(signal, defaults),
				compression == OtlpCompression.GZIP, timeout, ssl));
	}

	private URI endpoint(OtlpSignalProperties signal, OtelProperties.Defaults defaults, OtlpProtocol protocol) {
		if (StringUtils.hasText(signal.getEndpoint())) {
			return withSignalPath(URI.create(signal.getEndpoint().trim()), signal.signal(), protocol, false);
		}
		if (StringUtils.hasText(signal.getHostname()) || signal.getPort() != null || signal.getScheme() != null) {
			String scheme = ((signal.getScheme() != null) ? signal.getScheme() : OtlpScheme.HTTP).value();
			String host = firstText(signal.getHostname(), "localhost");
			int port = (signal.getPort() != null) ? signal.getPort() : protocol.defaultPort();
			return withSignalPath(URI.create(scheme + "://" + host + ":" + port), signal.signal(), protocol, false);
		}
		if (StringUtils.hasText(defaults.getEndpoint())) {
			return withSignalPath(URI.create(defaults.getEndpoint().trim()), signal.signal(), protocol, true);
		}
		return withSignalPath(URI.create("http://localhost:" + protocol.defaultPort()), signal.signal(), protocol,
				false);
	}

	/**
	 * OTLP/HTTP puts each signal under its own path. A shared base URL always gets that
	 * path appended (as the OpenTelemetry specification says for
	 * OTEL_EXPORTER_OTLP_ENDPOINT); a signal URL keeps a path it already has.
	 */
	private static URI withSignalPath(URI base, OtlpSignal signal, OtlpProtocol protocol, boolean alwaysAppend) {
		String path = (base.getPath() != null) ? base.getPath() : "";
		if (protocol == OtlpProtocol.GRPC) {
			return URI.create(base.getScheme() + "://" + base.getRawAuthority());
		}
		if (!alwaysAppend && !path.isEmpty() && !"/".equals(path)) {
			return base;
		}
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return URI.create(base.getScheme() + "://" + base.getRawAuthority() + trimmed + signal.httpPath());
	}

	private static Map<String, String> headers(OtlpSignalProperties signal, OtelProperties.Defaults defaults) {
		Map<String, String> headers = new LinkedHashMap<>(defaults.getHeaders());
		headers.putAll(signal.getHeaders());
		OtlpSignalProperties.BasicAuth basic = signal.getBasicAuth();
		if (StringUtils.hasText(basic.getUsername())) {
			String credentials = basic.getUsername() + ":" + basic.getPassword();
			headers.put("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		else if (StringUtils.hasText(signal.getBearerToken())) {
			headers.put("Authorization", "Bearer " + signal.getBearerToken().trim());
		}
		return Collections.unmodifiableMap(headers);
	}

	private void warnOnPortMismatch(OtlpSignal signal, OtlpProtocol protocol, URI endpoint) {
		int otherPort = (protocol == OtlpProtocol.GRPC) ? OtlpProtocol.HTTP_PROTOBUF.defaultPort()
				: OtlpProtocol.GRPC.defaultPort();
		if (endpoint.getPort() == otherPort && this.portWarnings.add(signal)) {
			logger.warn(signal.prefix() + " uses protocol " + protocol.value() + " on port " + otherPort
					+ ", the well-known port of the other OTLP transport; check " + signal.prefix()
					+ ".protocol and the endpoint port");
		}
	}

	private static <T> T firstSet(@Nullable T value, @Nullable T fallback, T otherwise) {
		return (value != null) ? value : (fallback != null) ? fallback : otherwise;
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value.trim();
			}
		}
		return null;
	}

}
