package io.selfobs.autoconfigure.otlp.internal;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Folds the OpenTelemetry SDK's own per-batch warnings (a failed export, a full queue:
 * loggers under {@code io.opentelemetry.exporter} and the SDK's batch processors) into
 * selfobs' throttled warning, which already reports each of them once a minute per signal
 * and reason with the counters in {@code selfobs_export_*}. They are only logged when
 * their logger is set to DEBUG, for whoever wants every one of them. Everything else the
 * SDK logs (configuration problems at startup, for instance) passes. Installed when the
 * first exporter is built, after the logging system has been initialised and before the
 * exporter can log. Internal, not API.
 */
public final class OtelExporterLogFilter extends TurboFilter {

	static final String NAME = "selfobs-otel-exporter-warnings";

	private static final List<String> PER_BATCH_LOGGERS = List.of("io.opentelemetry.exporter.",
			"io.opentelemetry.sdk.trace.export.", "io.opentelemetry.sdk.logs.export.");

	private static final List<String> PER_BATCH_MESSAGES = List.of("Failed to export", "BatchSpanProcessor dropped",
			"BatchLogRecordProcessor dropped", "Exporter failed", "Exporter threw", "Too many log messages");

	OtelExporterLogFilter() {
		setName(NAME);
	}

	/**
	 * Install the filter into Logback, once; does nothing when Logback is not the logging
	 * backend. Callers check that Logback is on the class path first: this class extends
	 * one of its types.
	 */
	static synchronized void install() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch((filter) -> NAME.equals(filter.getName()))) {
			OtelExporterLogFilter filter = new OtelExporterLogFilter();
			filter.setContext(context);
			filter.start();
			context.addTurboFilter(filter);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level == null || !level.isGreaterOrEqual(Level.WARN) || format == null || !isPerBatch(logger.getName())
				|| PER_BATCH_MESSAGES.stream().noneMatch(format::startsWith)) {
			return FilterReply.NEUTRAL;
		}
		return logger.getEffectiveLevel().isGreaterOrEqual(Level.INFO) ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

	static boolean isPerBatch(String loggerName) {
		for (String prefix : PER_BATCH_LOGGERS) {
			if (loggerName.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
