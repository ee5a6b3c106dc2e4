package io.selfobs.autoconfigure.otlp.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpConnectionProperties;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Checks OTLP settings once, at binding time, so a mistake stops startup instead of
 * failing every export. Internal, not API.
 */
public final class OtlpPropertiesValidator {

	static final String HIDDEN = "******";

	/**
	 * Longer TLS values are shown as {@link #HIDDEN}: no real location is that long, key
	 * material is.
	 */
	private static final int MAX_SHOWN_LOCATION_LENGTH = 512;

	private static final ResourceLoader resources = ApplicationResourceLoader.get();

	private OtlpPropertiesValidator() {
	}

	/**
	 * Validate the settings of one signal.
	 * @param properties the bound values
	 */
	public static void validateSignal(OtlpSignalProperties properties) {
		String prefix = properties.signal().prefix();
		validateConnection(prefix, properties);
		validateNotBothEndpointAndHost(prefix, properties);
		validateHostname(prefix + ".hostname", properties.getHostname());
		validatePort(prefix + ".port", properties.getPort());
		validateAuth(prefix, properties);
		validateTls(prefix + ".tls", properties.getTls());
	}

	/**
	 * Validate the connection fields, shared or of one signal.
	 * @param prefix the property prefix, e.g. {@code otel.exporter.otlp}
	 * @param connection the bound values
	 */
	public static void validateConnection(String prefix, OtlpConnectionProperties connection) {
		validateEndpoint(prefix + ".endpoint", connection.getEndpoint());
		validateHeaders(prefix + ".headers", connection.getHeaders());
		validateTimeout(prefix + ".timeout", connection.getTimeout());
	}

	private static void validateEndpoint(String property, @Nullable String endpoint) {
		if (!StringUtils.hasText(endpoint)) {
			return;
		}
		String fix = "use a full URL such as http://otel-collector:4318 or https://otel-collector:4317";
		URI uri;
		try {
			uri = new URI(endpoint.trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidOtelPropertyException(property, endpoint, "not a valid URL (" + ex.getReason() + ")", fix);
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new InvalidOtelPropertyException(property, endpoint, "the URL scheme must be http or https", fix);
		}
		if (uri.getHost() == null) {
			throw new InvalidOtelPropertyException(property, endpoint, "the URL has no host", fix);
		}
		if (uri.getUserInfo() != null) {
			throw new InvalidOtelPropertyException(property, HIDDEN, "credentials must not be part of the URL",
					"remove them from the URL and set basic-auth or headers instead");
		}
		if (uri.getPort() != -1) {
			validatePort(property, uri.getPort());
		}
	}

	private static void validateNotBothEndpointAndHost(String prefix, OtlpSignalProperties properties) {
		boolean hostParts = StringUtils.hasText(properties.getHostname()) || properties.getPort() != null
				|| properties.getScheme() != null;
		if (StringUtils.hasText(properties.getEndpoint()) && hostParts) {
			throw new InvalidOtelPropertyException(prefix + ".endpoint", properties.getEndpoint(),
					"both endpoint and hostname/port/scheme are set, so the destination is ambiguous",
					"set either " + prefix + ".endpoint or " + prefix + ".hostname/port/scheme, not both");
		}
	}

	private static void validateHostname(String property, @Nullable String hostname) {
		if (hostname != null && (!StringUtils.hasText(hostname) || hostname.contains("/") || hostname.contains(":")
				|| hostname.chars().anyMatch(Character::isWhitespace))) {
			throw new InvalidOtelPropertyException(property, hostname, "not a host name",
					"give only the host (e.g. otel-collector); put a full URL in the endpoint property instead");
		}
	}

	private static void validatePort(String property, @Nullable Integer port) {
		if (port != null && (port < 1 || port > 65535)) {
			throw new InvalidOtelPropertyException(property, String.valueOf(port), "port must be between 1 and 65535",
					"use the collector's OTLP port, usually 4318 (http/protobuf) or 4317 (grpc)");
		}
	}

	private static void validateHeaders(String property, Map<String, String> headers) {
		headers.forEach((name, value) -> {
			if (!StringUtils.hasText(name) || !name.chars().allMatch(OtlpPropertiesValidator::isTokenChar)) {
				throw new InvalidOtelPropertyException(property, name, "not a valid HTTP header name",
						"use letters, digits and '-' only");
			}
			if (!StringUtils.hasText(value) || hasControlCharacter(value)) {
				throw new InvalidOtelPropertyException(property + "." + name, HIDDEN,
						"header values must not be empty or contain line breaks or other control characters",
						"set a value without CR/LF (an unset environment variable leaves it empty)");
			}
		});
	}

	/**
	 * A control character in a header value would split or corrupt the request (header
	 * injection).
	 */
	private static boolean hasControlCharacter(String value) {
		return value.chars().anyMatch((c) -> (c < 32 && c != '\t') || c == 127);
	}

	private static boolean isTokenChar(int c) {
		return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
	}

	private static void validateTimeout(String property, @Nullable Duration timeout) {
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			throw new InvalidOtelPropertyException(property, timeout.toString(), "timeout must be positive",
					"use a positive duration such as 10s");
		}
	}

	private static void validateAuth(String prefix, OtlpSignalProperties properties) {
		OtlpSignalProperties.BasicAuth basic = properties.getBasicAuth();
		boolean hasUser = StringUtils.hasText(basic.getUsername());
		if (hasUser && !StringUtils.hasText(basic.getPassword())) {
			throw new InvalidOtelPropertyException(prefix + ".basic-auth.password", "",
					"basic-auth has a username " + "but no password",
					"set " + prefix + ".basic-auth.password (e.g. from an environment variable)");
		}
		if (!hasUser && StringUtils.hasText(basic.getPassword())) {
			throw new InvalidOtelPropertyException(prefix + ".basic-auth.username", "",
					"basic-auth has a password " + "but no username", "set " + prefix + ".basic-auth.username");
		}
		String username = basic.getUsername();
		if (username != null && (hasControlCharacter(username) || username.indexOf(':') >= 0)) {
			throw new InvalidOtelPropertyException(prefix + ".basic-auth.username", HIDDEN,
					"a basic-auth user name must not contain ':' or control characters",
					"set the user name alone, without the password or line breaks");
		}
		if (basic.getPassword() != null && hasControlCharacter(basic.getPassword())) {
			throw new InvalidOtelPropertyException(prefix + ".basic-auth.password", HIDDEN,
					"the password contains line breaks or other control characters",
					"remove the trailing newline or other control characters (e.g. of a mounted secret file)");
		}
		if (properties.getBearerToken() != null && hasControlCharacter(properties.getBearerToken())) {
			throw new InvalidOtelPropertyException(prefix + ".bearer-token", HIDDEN,
					"the token contains line breaks or other control characters",
					"remove the trailing newline or other control characters (e.g. of a mounted secret file)");
		}
		if (hasUser && StringUtils.hasText(properties.getBearerToken())) {
			throw new InvalidOtelPropertyException(prefix + ".bearer-token", HIDDEN,
					"both basic-auth and bearer-token are set; only one Authorization header can be sent",
					"remove " + prefix + ".basic-auth or " + prefix + ".bearer-token");
		}
	}

	private static void validateTls(String prefix, OtlpSignalProperties.Tls tls) {
		if (StringUtils.hasText(tls.getSslBundle()) && (StringUtils.hasText(tls.getCaCertificate())
				|| StringUtils.hasText(tls.getClientCertificate()) || StringUtils.hasText(tls.getClientKey()))) {
			throw new InvalidOtelPropertyException(prefix + ".ssl-bundle", tls.getSslBundle(),
					"both an SSL bundle and PEM files are set, so the TLS material is ambiguous",
					"set either " + prefix + ".ssl-bundle or " + prefix + ".ca-certificate/client-certificate/"
							+ "client-key, not both");
		}
		validateReadable(prefix + ".ca-certificate", tls.getCaCertificate());
		validateReadable(prefix + ".client-certificate", tls.getClientCertificate());
		validateReadable(prefix + ".client-key", tls.getClientKey());
		if (StringUtils.hasText(tls.getClientCertificate()) != StringUtils.hasText(tls.getClientKey())) {
			String missing = StringUtils.hasText(tls.getClientKey()) ? ".client-certificate" : ".client-key";
			throw new InvalidOtelPropertyException(prefix + missing, "",
					"mutual TLS needs both a client certificate " + "and its private key",
					"set both " + prefix + ".client-certificate and " + prefix + ".client-key");
		}
	}

	private static void validateReadable(String property, @Nullable String location) {
		if (StringUtils.hasText(location) && !isInlinePem(location)
				&& !resources.getResource(location.trim()).isReadable()) {
			throw new InvalidOtelPropertyException(property, shownLocation(location), "the file cannot be read",
					"point it to a readable PEM file (a path, file: or classpath: location)");
		}
	}

	/**
	 * A value that does not look like a location may be a key pasted into the wrong
	 * property: never echo it.
	 */
	private static String shownLocation(String value) {
		boolean looksLikeLocation = value.length() <= MAX_SHOWN_LOCATION_LENGTH && value.indexOf('\n') < 0
				&& value.indexOf('\r') < 0 && !value.contains("PRIVATE KEY");
		return looksLikeLocation ? value : HIDDEN;
	}

	static boolean isInlinePem(String value) {
		return value.trim().startsWith("-----BEGIN");
	}

}
