package io.selfobs.autoconfigure.logging.internal;

import java.util.Iterator;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Hands request events straight to selfobs' appenders (console and OTLP) when they are the only ones the access
 * logger reaches, so the request thread builds no logback event and encodes nothing. Otherwise (a user logback
 * configuration, another appender, a turbo filter) the caller logs the event through SLF4J as any other line.
 * Internal, not API.
 */
final class RequestEventPublisher {

	private final LoggerContext context;

	/**
	 * The access logger and its ancestors, the loggers whose appenders an access event reaches.
	 */
	private final Logger[] chain;

	RequestEventPublisher() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		this.context = (factory instanceof LoggerContext loggerContext) ? loggerContext : null;
		this.chain = (this.context != null) ? chain(this.context) : new Logger[0];
	}

	private static Logger[] chain(LoggerContext context) {
		String[] names = { RequestEvent.ACCESS_LOGGER, "selfobs.http", "selfobs", Logger.ROOT_LOGGER_NAME };
		Logger[] loggers = new Logger[names.length];
		for (int i = 0; i < names.length; i++) {
			loggers[i] = context.getLogger(names[i]);
		}
		return loggers;
	}

	/**
	 * The request thread's MDC as it is now, without copying it where logback allows.
	 * @return an immutable view
	 */
	static Map<String, String> mdcSnapshot() {
		MDCAdapter adapter = MDC.getMDCAdapter();
		Map<String, String> map = (adapter instanceof LogbackMDCAdapter logback) ? logback.getPropertyMap()
				: MDC.getCopyOfContextMap();
		return (map != null) ? map : Map.of();
	}

	/**
	 * Whether every appender the access logger reaches takes request events as facts.
	 * @return true to {@link #publish}, false to log through SLF4J
	 */
	boolean canPublish() {
		if (this.context == null || !this.context.getTurboFilterList().isEmpty()) {
			return false;
		}
		for (Logger logger : this.chain) {
			for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
				if (!(it.next() instanceof RequestEventSink)) {
					return false;
				}
			}
			if (!logger.isAdditive()) {
				break;
			}
		}
		return true;
	}

	/**
	 * Append the event to every appender that takes it; call only when {@link #canPublish()}.
	 * @param event the request event
	 */
	void publish(RequestEvent event) {
		for (Logger logger : this.chain) {
			for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
				if (it.next() instanceof RequestEventSink sink && sink.acceptsRequestEvents()) {
					sink.appendRequestEvent(event);
				}
			}
			if (!logger.isAdditive()) {
				break;
			}
		}
	}

}
