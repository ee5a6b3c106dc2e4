package io.selfobs.autoconfigure.logging.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;

/**
 * Puts {@link SelfobsEcsEncoder} on Spring Boot's {@code CONSOLE} appender, without any logback XML. Only
 * touch this class when the ECS encoder is on the class path.
 */
public final class EcsConsoleInstaller {

	private EcsConsoleInstaller() {
	}

	/**
	 * Write ECS JSON lines on the console.
	 * @param context the logback context
	 * @param service the service fields of every line
	 */
	public static void install(LoggerContext context, EcsServiceFields service) {
		ConsoleAppender<ILoggingEvent> console = ConsoleFormatInstaller.consoleAppender(context);
		if (console == null) {
			return;
		}
		SelfobsEcsEncoder encoder = new SelfobsEcsEncoder(ConsoleFormatInstaller.original(console.getEncoder()));
		encoder.setContext(context);
		encoder.setServiceName(service.name());
		encoder.setServiceVersion(service.version());
		encoder.setServiceEnvironment(service.environment());
		encoder.setServiceNodeName(service.nodeName());
		encoder.start();
		ConsoleFormatInstaller.swap(console, encoder);
	}

}
