package io.selfobs.autoconfigure.supportbundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The last log events of the service, kept in memory for the support bundle: a Logback
 * appender on the root logger writing into a fixed-size ring. Appending copies a few
 * references under a short lock, with no I/O and no formatting beyond the message Logback
 * formats anyway; the lines are formatted and redacted only when a bundle is made.
 * Internal, not API.
 */
final class LogRingBuffer extends AppenderBase<ILoggingEvent> {

	static final String NAME = "SELFOBS_SUPPORT_BUNDLE";

	private final Entry[] ring;

	private final int maxLineLength;

	private int next;

	private long appended;

	LogRingBuffer(int capacity, int maxLineLength) {
		this.ring = new Entry[Math.max(1, capacity)];
		this.maxLineLength = Math.max(256, maxLineLength);
		setName(NAME);
	}

	/**
	 * Attach to the root logger of the Logback context in use.
	 * @return whether Logback is the logging backend
	 */
	boolean attach() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return false;
		}
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root.getAppender(NAME) != null) {
			root.detachAppender(NAME);
		}
		setContext(context);
		start();
		root.addAppender(this);
		return true;
	}

	void detach() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
		}
		stop();
	}

	@Override
	protected void append(ILoggingEvent event) {
		Entry entry = new Entry(event.getTimeStamp(), event.getLevel().toString(), event.getThreadName(),
				event.getLoggerName(), event.getFormattedMessage(), event.getMDCPropertyMap(),
				event.getThrowableProxy());
		synchronized (this.ring) {
			this.ring[this.next] = entry;
			this.next = (this.next + 1) % this.ring.length;
			this.appended++;
		}
	}

	/**
	 * The kept lines, oldest first, each formatted with its MDC and stack trace and
	 * redacted.
	 * @param redactor applied to MDC values by key and to the whole line as free text
	 * @return the lines, how many older lines were dropped from the ring and how many
	 * lines had secrets removed
	 */
	Lines lines(Redactor redactor) {
		List<Entry> entries = new ArrayList<>(this.ring.length);
		long appendedTotal;
		synchronized (this.ring) {
			for (int i = 0; i < this.ring.length; i++) {
				Entry entry = this.ring[(this.next + i) % this.ring.length];
				if (entry != null) {
					entries.add(entry);
				}
			}
			appendedTotal = this.appended;
		}
		List<String> lines = new ArrayList<>(entries.size());
		int redacted = 0;
		for (Entry entry : entries) {
			String raw = entry.format(this.maxLineLength, (key, value) -> value);
			String line = redactor.redact(entry.format(this.maxLineLength, redactor::redactValue));
			if (!line.equals(raw)) {
				redacted++;
			}
			lines.add(line);
		}
		return new Lines(lines, appendedTotal - entries.size(), redacted);
	}

	record Lines(List<String> lines, long dropped, int redacted) {
	}

	private record Entry(long timestamp, String level, String thread, String logger, @Nullable String message,
			@Nullable Map<String, String> mdc, @Nullable IThrowableProxy throwable) {

		String format(int maxLength, BinaryOperator<String> mdcRedaction) {
			StringBuilder line = new StringBuilder(256);
			line.append(Instant.ofEpochMilli(this.timestamp))
				.append(' ')
				.append(this.level)
				.append(" [")
				.append(this.thread)
				.append("] ")
				.append(this.logger)
				.append(" - ")
				.append(this.message);
			if (this.mdc != null && !this.mdc.isEmpty()) {
				line.append(" {");
				this.mdc.forEach((key,
						value) -> line.append(key).append('=').append(mdcRedaction.apply(key, value)).append(", "));
				line.setLength(line.length() - 2);
				line.append('}');
			}
			for (IThrowableProxy cause = this.throwable; cause != null
					&& line.length() < maxLength; cause = cause.getCause()) {
				line.append((cause == this.throwable) ? "\n" : "\nCaused by: ")
					.append(cause.getClassName())
					.append(": ")
					.append(cause.getMessage());
				StackTraceElementProxy[] frames = cause.getStackTraceElementProxyArray();
				for (int i = 0; frames != null && i < frames.length && line.length() < maxLength; i++) {
					line.append("\n\tat ").append(frames[i].getStackTraceElement());
				}
			}
			if (line.length() > maxLength) {
				line.setLength(maxLength);
				line.append(" [cut at ").append(maxLength).append(" characters]");
			}
			return line.toString();
		}

	}

}
