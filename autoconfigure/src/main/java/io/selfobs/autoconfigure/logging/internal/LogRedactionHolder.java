package io.selfobs.autoconfigure.logging.internal;

import io.selfobs.autoconfigure.logging.LogRedaction;

/**
 * The redaction in force for logback components, which logback creates before any Spring bean exists and
 * which outlive application contexts. Until a context sets one, nothing is changed.
 */
public final class LogRedactionHolder {

	private static volatile LogRedaction current = LogRedaction.NONE;

	private LogRedactionHolder() {
	}

	public static LogRedaction get() {
		return current;
	}

	public static void set(LogRedaction redaction) {
		current = (redaction != null) ? redaction : LogRedaction.NONE;
	}

}
