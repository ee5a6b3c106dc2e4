package io.selfobs.autoconfigure.otlp.internal;

import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.slf4j.LoggerFactory;

/**
 * Folds the OpenTelemetry SDK's own per-batch warnings (a failed export, a full queue:
 * loggers under {@code io.opentelemetry.exporter} and the SDK's batch processors) into
 * selfobs' throttled warning, which already reports each of them once a minute per signal
 * and reason with the counters in {@code selfobs_export_*}. They are only logged when
 * their logger is set to DEBUG, for whoever wants every one of them. Everything else the
 * SDK logs (configuration problems at startup, for instance) passes.
 * <p>
 * The SDK logs through {@code java.util.logging}, so this is a filter on those loggers
 * only, consulted for their records alone: a logging-backend filter (a logback turbo
 * filter) would be asked on every log call and level check of the whole application.
 * Installed on the SDK loggers that exist when an exporter has been built, which by then
 * include the exporters' and the batch processors'. Internal, not API.
 */
public final class OtelExporterLogFilter implements Filter {

	private static final List<String> PER_BATCH_LOGGERS = List.of("io.opentelemetry.exporter.",
			"io.opentelemetry.sdk.trace.export.", "io.opentelemetry.sdk.logs.export.");

	private static final List<String> PER_BATCH_MESSAGES = List.of("Failed to export", "BatchSpanProcessor dropped",
			"BatchLogRecordProcessor dropped", "Exporter failed", "Exporter threw", "Too many log messages");

	private static final OtelExporterLogFilter INSTANCE = new OtelExporterLogFilter();

	/**
	 * The loggers filtered, held here as well: {@code java.util.logging} holds its
	 * loggers weakly, and a logger created again would come without the filter.
	 */
	private static final Set<Logger> FILTERED = ConcurrentHashMap.newKeySet();

	private OtelExporterLogFilter() {
	}

	/**
	 * Put the filter on every per-batch SDK logger that exists now and has none yet.
	 */
	static synchronized void install() {
		LogManager manager = LogManager.getLogManager();
		for (Enumeration<String> names = manager.getLoggerNames(); names.hasMoreElements();) {
			String name = names.nextElement();
			if (isPerBatch(name)) {
				Logger logger = manager.getLogger(name);
				if (logger != null && logger.getFilter() == null) {
					logger.setFilter(INSTANCE);
					FILTERED.add(logger);
				}
			}
		}
	}

	@Override
	public boolean isLoggable(LogRecord record) {
		String message = record.getMessage();
		if (record.getLevel().intValue() < Level.WARNING.intValue() || message == null
				|| PER_BATCH_MESSAGES.stream().noneMatch(message::startsWith)) {
			return true;
		}
		String name = record.getLoggerName();
		return name != null && LoggerFactory.getLogger(name).isDebugEnabled();
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
