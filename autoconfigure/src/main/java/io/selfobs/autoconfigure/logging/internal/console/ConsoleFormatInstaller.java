package io.selfobs.autoconfigure.logging.internal.console;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Spring Boot's text console format but redacts what it writes and writes it
 * through selfobs' {@link AsyncConsoleAppender}, without any logback XML. Internal, not
 * API.
 */
public final class ConsoleFormatInstaller {

	/**
	 * Name Spring Boot gives its console appender.
	 */
	static final String CONSOLE_APPENDER = "CONSOLE";

	private ConsoleFormatInstaller() {
	}

	/**
	 * Write Spring Boot's text lines, redacted. Puts back Spring Boot's encoder if a
	 * context started before in the same JVM asked for ECS.
	 * @param context the logback context
	 * @param settings the console pipeline's settings
	 */
	public static void installText(LoggerContext context, AsyncConsoleAppender.Settings settings) {
		Encoder<ILoggingEvent> current = consoleEncoder(context);
		if (current != null) {
			RedactingEncoder encoder = new RedactingEncoder(original(current));
			encoder.setContext(context);
			encoder.start();
			AsyncConsoleAppender.replaceConsole(context, encoder, settings);
		}
	}

	/**
	 * The encoder of the root logger's console appender, Spring Boot's or selfobs'.
	 */
	static @Nullable Encoder<ILoggingEvent> consoleEncoder(LoggerContext context) {
		Appender<ILoggingEvent> appender = AsyncConsoleAppender.console(context);
		if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
			return console.getEncoder();
		}
		if (appender instanceof AsyncConsoleAppender console) {
			return console.getEncoder();
		}
		return null;
	}

	static Encoder<ILoggingEvent> original(Encoder<ILoggingEvent> encoder) {
		return (encoder instanceof ConsoleEncoderWrapper wrapper) ? wrapper.original() : encoder;
	}

}
