package io.selfobs.autoconfigure.tracing;

/**
 * Removes secrets from span data before it leaves the process. Every string value of every span attribute, event
 * attribute (exception messages and stack traces included) and link attribute passes through
 * {@link #redactValue(String, String)}; free text (exception messages and stack traces, span status descriptions)
 * also passes through {@link #redact(String)}. Declare beans of this type to plug a redaction engine in; they are
 * applied in order, to every span exporter.
 */
public interface SpanAttributeRedactor {

	/**
	 * Redact one attribute value.
	 * @param key the attribute key, e.g. {@code http.request.header.authorization}
	 * @param value the value
	 * @return the value to export
	 */
	String redactValue(String key, String value);

	/**
	 * Redact free text.
	 * @param text the text, e.g. an exception message
	 * @return the text to export
	 */
	String redact(String text);

}
