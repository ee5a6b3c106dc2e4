package io.selfobs.autoconfigure.redaction;

/**
 * Callback to adjust the auto-configured {@link Redactor} beyond what
 * {@code otel.redaction.*} properties express, for example to add value patterns built in
 * code. Customizers run after the properties are applied, in {@code @Order}.
 */
@FunctionalInterface
public interface RedactorCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, already holding the defaults and the properties
	 */
	void customize(RedactorBuilder builder);

}
