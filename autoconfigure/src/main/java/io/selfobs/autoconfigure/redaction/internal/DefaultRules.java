package io.selfobs.autoconfigure.redaction.internal;

import java.util.List;
import java.util.Set;

/**
 * The built-in rules, in the pattern syntax of {@link KeyPatterns}. Internal, not API.
 */
public final class DefaultRules {

	/**
	 * Keys whose values are always masked. They also cover the sensitive header names
	 * {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
	 * {@code Set-Cookie}, {@code X-Api-Key}, {@code X-Auth-Token}, {@code X-CSRF-Token},
	 * {@code X-XSRF-Token} and {@code X-Amz-Security-Token}. {@code code} is added for
	 * URL parameters only.
	 */
	public static final List<String> SENSITIVE_KEYS = List.of("*password", "*passwd", "*pwd", "*passphrase", "*secret*",
			"*token", "*apikey", "*accesskey", "*signingkey", "*encryptionkey", "*hmackey", "*masterkey",
			"*credential*", "*private*", "*session*", "*cookie*", "*authorization*", "auth", "sig", "*signature");

	/** Metric tag keys dropped entirely: e-mail addresses and user names. */
	/**
	 * Keys whose values instrumentation produces itself, never copied from request data:
	 * a normalised HTTP method ({@code _OTHER} for any other, whose raw value goes to
	 * {@code http.request.method_original}), a route or URL template, a scheme, a
	 * protocol, an error or exception type, a database system or operation name, a data
	 * source bean name, and trace and span ids (hex, validated by the propagator even
	 * when continued from a request). Their values cannot carry a secret, so value
	 * patterns are not run on them; a key the configuration marks sensitive is still
	 * masked.
	 */
	public static final Set<String> CLOSED_VALUE_KEYS = Set.of("http.request.method", "http.route", "url.template",
			"url.scheme", "network.protocol.name", "network.protocol.version", "network.transport", "error.type",
			"exception.type", "db.system", "db.system.name", "db.operation.name", "jdbc.datasource.name", "outcome",
			"trace.id", "span.id", "traceId", "spanId");

	public static final List<String> DENIED_TAG_KEYS = List.of("*email*", "*username", "user");

	private DefaultRules() {
	}

}
