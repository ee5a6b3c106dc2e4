package io.selfobs.autoconfigure.redaction;

import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.redaction.internal.NoOpRedactor;

/**
 * Removes secrets from telemetry before it leaves the process. Every sink (console and
 * ECS logs, request events, span attributes, OTLP log records, metric tags) calls the
 * same instance, so one set of rules applies everywhere.
 * <p>
 * Two layers work together: <em>structural</em> rules mask any value whose key (header
 * name, MDC key, query parameter, attribute key) looks sensitive, and <em>value
 * patterns</em> find secrets inside free text (PEM private keys, JWTs, bearer and basic
 * credentials, URL user-info, {@code key=value} pairs, AWS access key ids, GitHub tokens,
 * Luhn-valid card numbers).
 * <p>
 * Implementations are thread-safe and cheap on clean input. Methods return their input
 * unchanged (the same instance) when nothing had to be redacted, and {@code null} for
 * {@code null}.
 *
 * @see RedactorBuilder
 */
public interface Redactor {

	/**
	 * Redact secrets found by value patterns in free text such as a log message, an
	 * exception message or a stack trace.
	 * @param freeText the text, may be {@code null}
	 * @return the text with every secret replaced
	 */
	String redact(String freeText);

	/**
	 * Redact a keyed value: the whole value when the key is sensitive, otherwise the
	 * secrets its value patterns find. Allowed keys and values pass unchanged.
	 * @param key the key (header name, MDC key, attribute key, tag key, ...)
	 * @param value the value, may be {@code null}
	 * @return the value to emit
	 */
	String redactValue(String key, String value);

	/**
	 * Whether the key names a secret. Case and {@code -}, {@code _} and {@code .} are
	 * ignored, so {@code X-Api-Key}, {@code x_api_key} and {@code xApiKey} are equal.
	 * @param key the key
	 * @return {@code true} if values of this key are always masked
	 */
	boolean isSensitiveKey(String key);

	/**
	 * Redact a raw URL query string (without the leading {@code ?}): parameters keep
	 * their names, sensitive ones get their value masked.
	 * @param rawQuery the query string, may be {@code null}
	 * @return the query string to emit
	 */
	String redactQuery(String rawQuery);

	/**
	 * Redact a full URL: user-info, sensitive query and fragment parameters, and secrets
	 * in the path.
	 * @param url the URL, may be {@code null}
	 * @return the URL to emit
	 */
	String redactUrl(String url);

	/**
	 * Whether a request header may be recorded: only allow-listed headers are, and a
	 * sensitive header never is, even when allow-listed.
	 * @param headerName the header name (any case)
	 * @return {@code true} if the header may be recorded
	 */
	boolean isAllowedHeader(String headerName);

	/**
	 * Keep the headers that may be recorded (see {@link #isAllowedHeader(String)}), with
	 * value patterns applied to their values.
	 * @param headers the request or response headers
	 * @return a new map, in the order of the input, of the headers to emit
	 */
	Map<String, String> allowedHeaders(Map<String, String> headers);

	/**
	 * Return a builder pre-configured with the default rules.
	 * @return a new builder
	 */
	static RedactorBuilder builder() {
		return new RedactorBuilder();
	}

	/**
	 * Return a redactor that changes nothing and records no header.
	 * @return a no-op redactor
	 */
	static Redactor none() {
		return new NoOpRedactor(List.of());
	}

}
