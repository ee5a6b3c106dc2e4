package io.selfobs.autoconfigure.logging.internal.console;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsServiceFields;

/**
 * Puts the ECS encoder ({@link ConsoleEcsEncoder}) on the console, through selfobs'
 * {@link AsyncConsoleAppender}, without any logback XML. Only touch this class when the
 * ECS encoder is on the class path. Internal, not API.
 */
public final class EcsConsoleInstaller {

	private EcsConsoleInstaller() {
	}

	/**
	 * Write ECS JSON lines on the console.
	 * @param context the logback context
	 * @param service the service fields of every line
	 * @param settings the console pipeline's settings
	 */
	public static void install(LoggerContext context, EcsServiceFields service,
			AsyncConsoleAppender.Settings settings) {
		Encoder<ILoggingEvent> current = ConsoleFormatInstaller.consoleEncoder(context);
		if (current == null) {
			return;
		}
		ConsoleEcsEncoder encoder = new ConsoleEcsEncoder(ConsoleFormatInstaller.original(current));
		encoder.setContext(context);
		encoder.setServiceName(service.name());
		encoder.setServiceVersion(service.version());
		encoder.setServiceEnvironment(service.environment());
		encoder.setServiceNodeName(service.nodeName());
		encoder.start();
		AsyncConsoleAppender.replaceConsole(context, encoder, settings);
	}

}
