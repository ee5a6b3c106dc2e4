package io.selfobs.autoconfigure.logging.internal.console;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Iterator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.logging.internal.request.RequestEventSink;
import org.jspecify.annotations.Nullable;

/**
 * The console appender selfobs puts in place of Spring Boot's {@code CONSOLE}: same
 * encoder (ECS or Boot's pattern, redacted) and filters, but a logging thread only
 * prepares the event and queues it; one {@link ConsoleWriter} thread encodes and writes
 * in batches. Request events are queued as facts and encoded on the writer thread too.
 * Internal, not API.
 */
public final class AsyncConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements RequestEventSink {

	/**
	 * Settings of the console pipeline.
	 *
	 * @param queueSize lines held for the writer
	 * @param waitWhenFull whether logging threads wait for room instead of dropping lines
	 * @param shutdownTimeout how long a stop waits for queued lines to be written
	 */
	public record Settings(int queueSize, boolean waitWhenFull, Duration shutdownTimeout) {

		/**
		 * The defaults.
		 */
		public static final Settings DEFAULTS = new Settings(8192, false, Duration.ofSeconds(5));

	}

	private final Encoder<ILoggingEvent> encoder;

	private final Settings settings;

	private final OutputStream target;

	@SuppressWarnings("NullAway.Init") // created in start(), used only while started
	private ConsoleWriter writer;

	private @Nullable Boolean acceptsRequestEvents;

	/**
	 * Whether the application serves. While it starts (and again once it closes) a
	 * logging thread waits until its line is written: a failure report is on stdout
	 * before the exception reaches the caller, and no request thread exists yet.
	 */
	private volatile boolean serving;

	/**
	 * The first of those waits that times out (stdout stalled) ends them for good.
	 */
	private volatile boolean stalled;

	/**
	 * Create an appender.
	 * @param encoder the encoder
	 * @param settings queue and shutdown settings
	 * @param target where lines go (read on every batch, so a replaced {@code System.out}
	 * is followed)
	 */
	public AsyncConsoleAppender(Encoder<ILoggingEvent> encoder, Settings settings, OutputStream target) {
		this.encoder = encoder;
		this.settings = settings;
		this.target = target;
	}

	/**
	 * Put an appender on the root logger in place of Spring Boot's console appender,
	 * keeping its name and filters.
	 * @param context the logback context
	 * @param encoder the encoder to write with
	 * @param settings queue and shutdown settings
	 */
	static void replaceConsole(LoggerContext context, Encoder<ILoggingEvent> encoder, Settings settings) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		Appender<ILoggingEvent> current = root.getAppender(ConsoleFormatInstaller.CONSOLE_APPENDER);
		AsyncConsoleAppender appender = new AsyncConsoleAppender(encoder, settings, new SystemOut());
		appender.setContext(context);
		appender.setName(ConsoleFormatInstaller.CONSOLE_APPENDER);
		if (current != null) {
			current.getCopyOfAttachedFiltersList().forEach(appender::addFilter);
		}
		appender.start();
		root.addAppender(appender);
		if (current != null) {
			root.detachAppender(current);
			if (current instanceof AsyncConsoleAppender previous) {
				// Spring Boot's appender is left alone: its encoder may be handed back
				// later
				previous.stop();
			}
		}
	}

	/**
	 * The console appender of the root logger.
	 * @param context the logback context
	 * @return the console appender (Spring Boot's or selfobs'), or null
	 */
	public static @Nullable Appender<ILoggingEvent> console(LoggerContext context) {
		return context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(ConsoleFormatInstaller.CONSOLE_APPENDER);
	}

	/**
	 * Wait until the lines queued so far by the root logger's console (if it is selfobs')
	 * are on stdout, at most the shutdown timeout: when an application context closes, so
	 * that what it logged is visible before it is gone.
	 * @param context the logback context
	 */
	public static void flush(LoggerContext context) {
		if (console(context) instanceof AsyncConsoleAppender console && console.isStarted()) {
			console.writer.flush(console.settings.shutdownTimeout());
		}
	}

	Encoder<ILoggingEvent> getEncoder() {
		return this.encoder;
	}

	@Override
	public void start() {
		if (this.encoder == null) {
			addError("No encoder for appender " + getName());
			return;
		}
		this.writer = new ConsoleWriter(this.settings.queueSize(), this.settings.waitWhenFull(), () -> this.target,
				new Encoding(), ConsoleDrops.get());
		this.writer.start();
		super.start();
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		this.writer.close(this.settings.shutdownTimeout());
		this.encoder.stop();
	}

	@Override
	protected void append(ILoggingEvent event) {
		// What the encoder reads later is fixed now: message, thread name, MDC
		event.prepareForDeferredProcessing();
		this.writer.offer(event);
		if (!this.serving && !this.stalled && !this.writer.flush(this.settings.shutdownTimeout())) {
			this.stalled = true;
		}
	}

	/**
	 * Tell the console whether the application serves (see {@link #serving}).
	 * @param context the logback context
	 * @param serving true once the application context is refreshed, false once it closes
	 */
	public static void serving(LoggerContext context, boolean serving) {
		if (console(context) instanceof AsyncConsoleAppender console) {
			console.serving = serving;
		}
	}

	@Override
	public boolean acceptsRequestEvents() {
		Boolean accepts = this.acceptsRequestEvents;
		if (accepts == null) {
			accepts = isStarted() && acceptsAccessEvent();
			this.acceptsRequestEvents = accepts;
		}
		return accepts;
	}

	private boolean acceptsAccessEvent() {
		LoggingEvent probe = new LoggingEvent(getClass().getName(),
				((LoggerContext) getContext()).getLogger(RequestEvent.ACCESS_LOGGER), Level.INFO, "probe", null, null);
		for (Iterator<Filter<ILoggingEvent>> it = getCopyOfAttachedFiltersList().iterator(); it.hasNext();) {
			FilterReply reply = it.next().decide(probe);
			if (reply == FilterReply.DENY) {
				return false;
			}
			if (reply == FilterReply.ACCEPT) {
				return true;
			}
		}
		return true;
	}

	@Override
	public void appendRequestEvent(RequestEvent event) {
		if (isStarted()) {
			this.writer.offer(event);
		}
	}

	/**
	 * Encoding on the writer thread, into its reusable buffers.
	 */
	private final class Encoding implements ConsoleWriter.EntryEncoder {

		private final StringBuilder json = new StringBuilder(1024);

		@Override
		public void encode(Object entry, ConsoleBuffer buffer) {
			if (entry instanceof ILoggingEvent event) {
				buffer.append(AsyncConsoleAppender.this.encoder.encode(event));
			}
			else if (entry instanceof RequestEvent event) {
				if (AsyncConsoleAppender.this.encoder instanceof ConsoleEcsEncoder ecs) {
					this.json.setLength(0);
					ecs.encodeRequestEvent(event, this.json);
					buffer.appendUtf8(this.json);
					if (this.json.capacity() > 64 * 1024) {
						this.json.setLength(0);
						this.json.trimToSize();
					}
				}
				else {
					buffer.append(AsyncConsoleAppender.this.encoder
						.encode(event.toLoggingEvent((LoggerContext) getContext())));
				}
			}
		}

		@Override
		public void encodeDropReport(long dropped, ConsoleBuffer buffer) {
			LoggerContext context = (LoggerContext) getContext();
			LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(ConsoleDrops.WARNING_LOGGER),
					Level.WARN,
					"{} console lines were dropped because stdout did not keep up (see " + "selfobs_log_dropped_total)",
					null, new Object[] { dropped });
			buffer.append(AsyncConsoleAppender.this.encoder.encode(event));
		}

	}

	/**
	 * {@code System.out} as it is at each write, like {@link ConsoleAppender}'s target:
	 * output captured by tests or redirected by the application is followed.
	 */
	static final class SystemOut extends OutputStream {

		@Override
		public void write(int b) {
			System.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			System.out.write(b, off, len);
		}

		@Override
		public void flush() {
			System.out.flush();
		}

	}

}
