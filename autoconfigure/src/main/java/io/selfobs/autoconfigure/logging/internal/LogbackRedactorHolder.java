package io.selfobs.autoconfigure.logging.internal;

import java.util.Objects;

import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * The {@link Redactor} logback components use: logback creates them before any Spring
 * bean exists, and they outlive application contexts. Until a context sets its own, the
 * engine with the default rules applies, so the lines logged during startup are redacted
 * too. Internal, not API.
 */
public final class LogbackRedactorHolder {

	private static final Redactor DEFAULTS = Redactor.builder().build();

	private static volatile Redactor current = DEFAULTS;

	private LogbackRedactorHolder() {
	}

	public static Redactor get() {
		return current;
	}

	/**
	 * The engine with the default rules, shared so that it is built once.
	 * @return the default redactor
	 */
	public static Redactor defaults() {
		return DEFAULTS;
	}

	/**
	 * Use the given redactor from now on.
	 * @param redactor the redactor
	 */
	public static void set(Redactor redactor) {
		current = Objects.requireNonNull(redactor, "redactor");
	}

}
