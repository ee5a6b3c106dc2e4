package io.selfobs.autoconfigure.logging;

/**
 * What the logging sinks (console encoder, request events, OTLP log records) ask before text leaves the
 * process. Expose one as a bean to plug in redaction rules; the methods mirror the redaction engine's so it can
 * be adapted with method references. Implementations must be thread-safe, cheap on clean input and return
 * {@code null} for {@code null}.
 */
public interface LogRedaction {

	/**
	 * Leaves everything unchanged.
	 */
	LogRedaction NONE = new LogRedaction() {

		@Override
		public String redact(String freeText) {
			return freeText;
		}

		@Override
		public String redactValue(String key, String value) {
			return value;
		}

		@Override
		public String redactQuery(String rawQuery) {
			return rawQuery;
		}

	};

	/**
	 * Redact secrets in free text: a message, an exception message, a stack trace.
	 * @param freeText the text, may be {@code null}
	 * @return the text to emit
	 */
	String redact(String freeText);

	/**
	 * Redact a keyed value (MDC entry, key/value pair, attribute): all of it when the key is sensitive.
	 * @param key the key
	 * @param value the value, may be {@code null}
	 * @return the value to emit
	 */
	String redactValue(String key, String value);

	/**
	 * Redact a raw URL query string, keeping parameter names.
	 * @param rawQuery the query without its leading {@code ?}, may be {@code null}
	 * @return the query to emit
	 */
	String redactQuery(String rawQuery);

}
