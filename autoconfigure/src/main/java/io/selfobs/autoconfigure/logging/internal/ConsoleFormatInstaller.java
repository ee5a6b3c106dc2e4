package io.selfobs.autoconfigure.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Switches the encoder of Spring Boot's {@code CONSOLE} appender between its own pattern and
 * {@link SelfobsEcsEncoder}, without any logback XML. Only touch this class when the ECS encoder is on the
 * class path.
 */
public final class ConsoleFormatInstaller {

	/**
	 * Name Spring Boot gives its console appender.
	 */
	static final String CONSOLE_APPENDER = "CONSOLE";

	private ConsoleFormatInstaller() {
	}

	/**
	 * Write ECS JSON lines on the console.
	 * @param context the logback context
	 * @param service the service fields of every line
	 * @return whether a console appender was found
	 */
	public static boolean installEcs(LoggerContext context, EcsServiceFields service) {
		ConsoleAppender<ILoggingEvent> console = consoleAppender(context);
		if (console == null) {
			return false;
		}
		Encoder<ILoggingEvent> current = console.getEncoder();
		SelfobsEcsEncoder encoder = new SelfobsEcsEncoder();
		encoder.setContext(context);
		encoder.setServiceName(service.name());
		encoder.setServiceVersion(service.version());
		encoder.setServiceEnvironment(service.environment());
		encoder.setServiceNodeName(service.nodeName());
		encoder.setReplaced((current instanceof SelfobsEcsEncoder previous) ? previous.getReplaced() : current);
		encoder.start();
		console.setEncoder(encoder);
		if (current instanceof SelfobsEcsEncoder previous) {
			previous.stop();
		}
		return true;
	}

	/**
	 * Put back the encoder an earlier {@link #installEcs} replaced, if any (a context started before in the
	 * same JVM may have asked for ECS).
	 * @param context the logback context
	 */
	public static void restoreText(LoggerContext context) {
		ConsoleAppender<ILoggingEvent> console = consoleAppender(context);
		if (console != null && console.getEncoder() instanceof SelfobsEcsEncoder ecs && ecs.getReplaced() != null) {
			console.setEncoder(ecs.getReplaced());
			ecs.stop();
		}
	}

	private static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext context) {
		Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE_APPENDER);
		return (appender instanceof ConsoleAppender<ILoggingEvent> console) ? console : null;
	}

}
