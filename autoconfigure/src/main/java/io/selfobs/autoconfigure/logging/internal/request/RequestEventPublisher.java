package io.selfobs.autoconfigure.logging.internal.request;

import java.util.Iterator;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.TurboFilterList;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Hands request events straight to selfobs' appenders (console and OTLP) when they are
 * the only ones the access logger reaches, so the request thread builds no logback event
 * and encodes nothing. Turbo filters still decide, as logback asks them (so Micrometer's
 * {@code logback.events} counts request events). Otherwise (a user logback configuration,
 * another appender) the caller logs the event through SLF4J as any other line. Internal,
 * not API.
 */
final class RequestEventPublisher {

	private final @Nullable LoggerContext context;

	/**
	 * The access logger and its ancestors, the loggers whose appenders an access event
	 * reaches.
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
		if (this.context == null) {
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
	 * Whether an access event is logged: the turbo filters' decision, else the access
	 * logger's level, as logback decides for an event logged through SLF4J.
	 * @return whether to capture and publish the event
	 */
	@SuppressWarnings("NullAway") // request events are only set up when logback is the
									// logging system
	boolean isEnabled() {
		Logger logger = this.chain[0];
		TurboFilterList turboFilters = this.context.getTurboFilterList();
		FilterReply reply = turboFilters.isEmpty() ? FilterReply.NEUTRAL : turboFilters
			.getTurboFilterChainDecision(null, logger, Level.INFO, RequestEvent.MESSAGE_FORMAT, null, null);
		if (reply != FilterReply.NEUTRAL) {
			return reply == FilterReply.ACCEPT;
		}
		return Level.INFO.isGreaterOrEqual(logger.getEffectiveLevel());
	}

	/**
	 * Append the event to every appender that takes it; call only when
	 * {@link #canPublish()}.
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
