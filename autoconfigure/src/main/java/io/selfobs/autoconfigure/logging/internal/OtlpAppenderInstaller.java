package io.selfobs.autoconfigure.logging.internal;

import java.util.Iterator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;

/**
 * Attaches OpenTelemetry's logback appender to the root logger, without XML. Until
 * {@link OpenTelemetryAppender#install} hands it the SDK, it keeps startup records and replays them then. Only
 * touch this class when the appender is on the class path.
 */
public final class OtlpAppenderInstaller {

	static final String APPENDER_NAME = "SELFOBS_OTLP";

	private OtlpAppenderInstaller() {
	}

	/**
	 * Attach the appender unless one (ours or the user's) already feeds the root logger.
	 * @param context the logback context
	 * @param startupBufferSize records kept until the SDK exists
	 */
	public static void attach(LoggerContext context, int startupBufferSize) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
			if (it.next() instanceof OpenTelemetryAppender) {
				return;
			}
		}
		OpenTelemetryAppender appender = new OpenTelemetryAppender();
		appender.setContext(context);
		appender.setName(APPENDER_NAME);
		appender.setCaptureKeyValuePairAttributes(true);
		appender.setCaptureMdcAttributes("*");
		appender.setCaptureMarkerAttribute(true);
		appender.setCaptureExperimentalAttributes(true);
		appender.setNumLogsCapturedBeforeOtelInstall(startupBufferSize);
		ExporterLogsFilter filter = new ExporterLogsFilter();
		filter.start();
		appender.addFilter(filter);
		appender.start();
		root.addAppender(appender);
	}

	/**
	 * Detach the appender {@link #attach} added, when a later context in the same JVM does not export logs.
	 * @param context the logback context
	 */
	public static void detach(LoggerContext context) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		Appender<ILoggingEvent> appender = root.getAppender(APPENDER_NAME);
		if (appender != null) {
			root.detachAppender(appender);
			appender.stop();
		}
	}

	/**
	 * Keeps the exporter's own complaints out of the export, so a failing collector cannot feed a loop.
	 */
	static final class ExporterLogsFilter extends Filter<ILoggingEvent> {

		@Override
		public FilterReply decide(ILoggingEvent event) {
			String logger = event.getLoggerName();
			return (logger != null && (logger.startsWith("io.opentelemetry.") || logger.startsWith("okhttp3.")))
					? FilterReply.DENY : FilterReply.NEUTRAL;
		}

	}

}
