package io.selfobs.autoconfigure.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Keeps Spring Boot's text console but redacts what it writes, without any logback XML.
 */
public final class ConsoleFormatInstaller {

	/**
	 * Name Spring Boot gives its console appender.
	 */
	static final String CONSOLE_APPENDER = "CONSOLE";

	private ConsoleFormatInstaller() {
	}

	/**
	 * Write Spring Boot's text lines, redacted. Puts back Spring Boot's encoder if a context started before
	 * in the same JVM asked for ECS.
	 * @param context the logback context
	 */
	public static void installText(LoggerContext context) {
		ConsoleAppender<ILoggingEvent> console = consoleAppender(context);
		if (console != null && !(console.getEncoder() instanceof RedactingEncoder)) {
			RedactingEncoder encoder = new RedactingEncoder(original(console.getEncoder()));
			encoder.setContext(context);
			encoder.start();
			swap(console, encoder);
		}
	}

	static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext context) {
		Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE_APPENDER);
		return (appender instanceof ConsoleAppender<ILoggingEvent> console) ? console : null;
	}

	static Encoder<ILoggingEvent> original(Encoder<ILoggingEvent> encoder) {
		return (encoder instanceof ConsoleEncoderWrapper wrapper) ? wrapper.original() : encoder;
	}

	static void swap(ConsoleAppender<ILoggingEvent> console, Encoder<ILoggingEvent> encoder) {
		Encoder<ILoggingEvent> previous = console.getEncoder();
		console.setEncoder(encoder);
		if (previous instanceof ConsoleEncoderWrapper) {
			previous.stop();
		}
	}

}
