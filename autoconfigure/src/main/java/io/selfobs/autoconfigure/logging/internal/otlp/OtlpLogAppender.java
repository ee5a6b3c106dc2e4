package io.selfobs.autoconfigure.logging.internal.otlp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.logging.internal.request.RequestEventSink;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * selfobs' logback appender for OTLP log export, on the stable OpenTelemetry Logs API
 * ({@link LoggerProvider}, {@link LogRecordBuilder}). Every event becomes a log record
 * with severity, body (the formatted message), the logger name as instrumentation scope,
 * the current trace context, {@code thread.name}/{@code thread.id}, SLF4J key/value pairs
 * as typed attributes, every MDC entry, markers ({@code logback.marker}) and the
 * exception ({@code exception.type}, {@code exception.message},
 * {@code exception.stacktrace}). Redaction happens at export. Until {@link #install}
 * hands it the SDK it keeps up to the startup buffer's size of records and emits them
 * then. Request events are emitted from their facts, without a logback event: given the
 * SDK's own {@link SdkLoggerProvider}, as a record that builds its attributes on the
 * batch processor's worker ({@link RequestEventLogRecord}). Internal, not API.
 */
public final class OtlpLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements RequestEventSink {

	public static final String APPENDER_NAME = "SELFOBS_OTLP";

	static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");

	static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");

	static final AttributeKey<List<String>> MARKER = AttributeKey.stringArrayKey("logback.marker");

	static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	private final @Nullable BlockingQueue<ILoggingEvent> startupRecords;

	private final ConcurrentMap<String, io.opentelemetry.api.logs.Logger> loggers = new ConcurrentHashMap<>();

	private volatile @Nullable LoggerProvider loggerProvider;

	/**
	 * The SDK's processors for request event records, when the provider is the SDK's and
	 * its processors can be reached; else request events go through the Logs API.
	 */
	private volatile @Nullable SdkLogPipeline requestEvents;

	/**
	 * Create an appender.
	 * @param startupBufferSize records kept until the SDK exists
	 */
	public OtlpLogAppender(int startupBufferSize) {
		this.startupRecords = (startupBufferSize > 0) ? new ArrayBlockingQueue<>(startupBufferSize) : null;
	}

	/**
	 * Attach the appender to the root logger unless it is there already.
	 * @param context the logback context
	 * @param startupBufferSize records kept until the SDK exists
	 */
	public static void attach(LoggerContext context, int startupBufferSize) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		if (root.getAppender(APPENDER_NAME) instanceof OtlpLogAppender) {
			return;
		}
		OtlpLogAppender appender = new OtlpLogAppender(startupBufferSize);
		appender.setContext(context);
		appender.setName(APPENDER_NAME);
		ExporterLogsFilter filter = new ExporterLogsFilter();
		filter.start();
		appender.addFilter(filter);
		appender.start();
		root.addAppender(appender);
	}

	/**
	 * Detach the appender {@link #attach} added, when a later context in the same JVM
	 * does not export logs.
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
	 * Hand the SDK to the appender of the root logger; the records kept since startup are
	 * emitted now.
	 * @param context the logback context
	 * @param loggerProvider the SDK's logger provider
	 * @return whether an appender was there to take it
	 */
	public static boolean install(LoggerContext context, LoggerProvider loggerProvider) {
		Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER_NAME);
		if (appender instanceof OtlpLogAppender otlp) {
			otlp.install(loggerProvider);
			return true;
		}
		return false;
	}

	/**
	 * Hand the SDK to this appender; the records kept since startup are emitted now.
	 * @param loggerProvider the SDK's logger provider
	 */
	public void install(LoggerProvider loggerProvider) {
		this.loggers.clear();
		this.requestEvents = (loggerProvider instanceof SdkLoggerProvider sdk)
				? SdkLogPipeline.of(sdk, RequestEvent.ACCESS_LOGGER) : null;
		this.loggerProvider = loggerProvider;
		emitStartupRecords();
	}

	@Override
	protected void append(ILoggingEvent event) {
		LoggerProvider provider = this.loggerProvider;
		if (provider != null) {
			emit(event, Context.current(), true);
			return;
		}
		if (this.startupRecords != null) {
			event.prepareForDeferredProcessing();
			this.startupRecords.offer(event);
			if (this.loggerProvider != null) {
				// installed meanwhile: the record must not wait in the buffer
				emitStartupRecords();
			}
		}
	}

	private void emitStartupRecords() {
		if (this.startupRecords == null) {
			return;
		}
		List<ILoggingEvent> records = new ArrayList<>();
		this.startupRecords.drainTo(records);
		records.forEach((event) -> emit(event, Context.root(), false));
	}

	@Override
	public boolean acceptsRequestEvents() {
		return isStarted();
	}

	@Override
	public void appendRequestEvent(RequestEvent event) {
		if (!isStarted()) {
			return;
		}
		if (this.loggerProvider == null) {
			append(event.toLoggingEvent((LoggerContext) getContext()));
			return;
		}
		SdkLogPipeline pipeline = this.requestEvents;
		if (pipeline != null) {
			Context context = Context.current();
			if (pipeline.isEnabled(Severity.INFO, context)) {
				pipeline.emit(context, new RequestEventLogRecord(pipeline, event, pipeline.now(),
						Span.fromContext(context).getSpanContext(), Thread.currentThread().getId()));
			}
			return;
		}
		LogRecordBuilder record = logger(RequestEvent.ACCESS_LOGGER).logRecordBuilder()
			.setTimestamp(event.timestamp)
			.setSeverity(Severity.INFO)
			.setSeverityText("INFO")
			.setBody(event.message())
			.setContext(Context.current())
			.setAttribute(THREAD_NAME, event.threadName)
			.setAttribute(THREAD_ID, Thread.currentThread().getId());
		event.fields(new RequestEvent.Fields() {

			@Override
			public void string(String key, String value) {
				record.setAttribute(AttributeKeys.string(key), value);
			}

			@Override
			public void number(String key, long value) {
				record.setAttribute(AttributeKeys.longKey(key), value);
			}

			@Override
			public void strings(String key, List<String> values) {
				record.setAttribute(AttributeKeys.strings(key), values);
			}

		});
		putMdc(record, event.mdc);
		record.emit();
	}

	private void emit(ILoggingEvent event, Context context, boolean onLoggingThread) {
		LogRecordBuilder record = logger(event.getLoggerName()).logRecordBuilder()
			.setTimestamp(event.getInstant())
			.setContext(context);
		Level level = event.getLevel();
		if (level != null) {
			record.setSeverity(severity(level)).setSeverityText(level.levelStr);
		}
		String message = event.getFormattedMessage();
		if (message != null) {
			record.setBody(message);
		}
		IThrowableProxy proxy = event.getThrowableProxy();
		if (proxy instanceof ThrowableProxy throwableProxy) {
			putException(record, throwableProxy.getThrowable());
		}
		else if (proxy != null) {
			record.setAttribute(EXCEPTION_TYPE, proxy.getClassName());
			if (proxy.getMessage() != null) {
				record.setAttribute(EXCEPTION_MESSAGE, proxy.getMessage());
			}
		}
		if (event.getThreadName() != null) {
			record.setAttribute(THREAD_NAME, event.getThreadName());
		}
		if (onLoggingThread) {
			record.setAttribute(THREAD_ID, Thread.currentThread().getId());
		}
		putKeyValues(record, event.getKeyValuePairs());
		putMdc(record, event.getMDCPropertyMap());
		putMarkers(record, event.getMarkerList());
		record.emit();
	}

	@SuppressWarnings("NullAway") // called only once the logger provider is installed
	private io.opentelemetry.api.logs.Logger logger(String name) {
		String scope = (name != null) ? name : "ROOT";
		io.opentelemetry.api.logs.Logger logger = this.loggers.get(scope);
		if (logger == null) {
			logger = this.loggerProvider.get(scope);
			this.loggers.put(scope, logger);
		}
		return logger;
	}

	static Severity severity(Level level) {
		return switch (level.toInt()) {
			case Level.ALL_INT, Level.TRACE_INT -> Severity.TRACE;
			case Level.DEBUG_INT -> Severity.DEBUG;
			case Level.INFO_INT -> Severity.INFO;
			case Level.WARN_INT -> Severity.WARN;
			case Level.ERROR_INT -> Severity.ERROR;
			default -> Severity.UNDEFINED_SEVERITY_NUMBER;
		};
	}

	private static void putException(LogRecordBuilder record, Throwable throwable) {
		record.setAttribute(EXCEPTION_TYPE, throwable.getClass().getName());
		if (throwable.getMessage() != null) {
			record.setAttribute(EXCEPTION_MESSAGE, throwable.getMessage());
		}
		StringWriter stackTrace = new StringWriter();
		throwable.printStackTrace(new PrintWriter(stackTrace));
		record.setAttribute(EXCEPTION_STACKTRACE, stackTrace.toString());
	}

	/**
	 * Key/value pairs keep their type: integers become long attributes, decimals doubles,
	 * booleans booleans, the rest strings; a key given twice keeps its last value.
	 */
	private static void putKeyValues(LogRecordBuilder record, List<KeyValuePair> pairs) {
		if (pairs == null) {
			return;
		}
		for (KeyValuePair pair : pairs) {
			if (pair.key == null || pair.value == null) {
				continue;
			}
			Object value = pair.value;
			if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
				record.setAttribute(AttributeKeys.longKey(pair.key), ((Number) value).longValue());
			}
			else if (value instanceof Double || value instanceof Float) {
				record.setAttribute(AttributeKey.doubleKey(pair.key), ((Number) value).doubleValue());
			}
			else if (value instanceof Boolean bool) {
				record.setAttribute(AttributeKey.booleanKey(pair.key), bool);
			}
			else {
				record.setAttribute(AttributeKeys.string(pair.key), String.valueOf(value));
			}
		}
	}

	private static void putMdc(LogRecordBuilder record, Map<String, String> mdc) {
		if (mdc != null && !mdc.isEmpty()) {
			mdc.forEach((key, value) -> {
				if (key != null && value != null) {
					record.setAttribute(AttributeKeys.string(key), value);
				}
			});
		}
	}

	private static void putMarkers(LogRecordBuilder record, List<Marker> markers) {
		if (markers == null || markers.isEmpty()) {
			return;
		}
		Set<String> names = new LinkedHashSet<>();
		for (Marker marker : markers) {
			names.add(marker.getName());
			for (Iterator<Marker> it = marker.iterator(); it.hasNext();) {
				names.add(it.next().getName());
			}
		}
		record.setAttribute(MARKER, List.copyOf(names));
	}

	/**
	 * Keeps the exporter's own complaints out of the export, so a failing collector
	 * cannot feed a loop.
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
