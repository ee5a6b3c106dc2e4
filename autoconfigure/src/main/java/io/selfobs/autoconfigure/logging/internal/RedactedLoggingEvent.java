package io.selfobs.autoconfigure.logging.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * An event as an encoder may see it: the message, exception messages and MDC values
 * redacted. For the ECS encoder MDC and markers are hidden, since
 * {@link io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder} writes them itself
 * (typed, deduplicated, all markers). Internal, not API.
 */
public final class RedactedLoggingEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final Redactor redactor;

	private final boolean forEcs;

	private RedactedLoggingEvent(ILoggingEvent event, Redactor redactor, boolean forEcs) {
		this.event = event;
		this.redactor = redactor;
		this.forEcs = forEcs;
	}

	/**
	 * The event as the ECS encoder sees it.
	 * @param event the event
	 * @param redactor the redactor
	 * @return the redacted view
	 */
	public static RedactedLoggingEvent forEcs(ILoggingEvent event, Redactor redactor) {
		return new RedactedLoggingEvent(event, redactor, true);
	}

	public static RedactedLoggingEvent forText(ILoggingEvent event, Redactor redactor) {
		return new RedactedLoggingEvent(event, redactor, false);
	}

	/**
	 * The event this view is of.
	 * @return the original event
	 */
	public ILoggingEvent original() {
		return this.event;
	}

	@Override
	public String getFormattedMessage() {
		return this.redactor.redact(this.event.getFormattedMessage());
	}

	@Override
	public @Nullable IThrowableProxy getThrowableProxy() {
		IThrowableProxy proxy = this.event.getThrowableProxy();
		return (proxy != null) ? new RedactedThrowableProxy(proxy, this.redactor) : null;
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		if (this.forEcs) {
			return Map.of();
		}
		Map<String, String> redacted = new LinkedHashMap<>();
		this.event.getMDCPropertyMap()
			.forEach((key, value) -> redacted.put(key, this.redactor.redactValue(key, value)));
		return redacted;
	}

	@Override
	@Deprecated
	public Map<String, String> getMdc() {
		return getMDCPropertyMap();
	}

	@Override
	@SuppressWarnings("deprecation")
	public @Nullable Marker getMarker() {
		return this.forEcs ? null : this.event.getMarker();
	}

	@Override
	public @Nullable List<Marker> getMarkerList() {
		return this.forEcs ? null : this.event.getMarkerList();
	}

	@Override
	public String getThreadName() {
		return this.event.getThreadName();
	}

	@Override
	public Level getLevel() {
		return this.event.getLevel();
	}

	@Override
	public String getMessage() {
		return this.event.getMessage();
	}

	@Override
	public Object[] getArgumentArray() {
		return this.event.getArgumentArray();
	}

	@Override
	public String getLoggerName() {
		return this.event.getLoggerName();
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return this.event.getLoggerContextVO();
	}

	@Override
	public StackTraceElement[] getCallerData() {
		return this.event.getCallerData();
	}

	@Override
	public boolean hasCallerData() {
		return this.event.hasCallerData();
	}

	@Override
	public long getTimeStamp() {
		return this.event.getTimeStamp();
	}

	@Override
	public int getNanoseconds() {
		return this.event.getNanoseconds();
	}

	@Override
	public long getSequenceNumber() {
		return this.event.getSequenceNumber();
	}

	@Override
	public List<KeyValuePair> getKeyValuePairs() {
		return this.event.getKeyValuePairs();
	}

	@Override
	public void prepareForDeferredProcessing() {
		this.event.prepareForDeferredProcessing();
	}

	private record RedactedThrowableProxy(IThrowableProxy proxy, Redactor redactor) implements IThrowableProxy {

		@Override
		public String getMessage() {
			return this.redactor.redact(this.proxy.getMessage());
		}

		@Override
		public String getClassName() {
			return this.proxy.getClassName();
		}

		@Override
		public StackTraceElementProxy[] getStackTraceElementProxyArray() {
			return this.proxy.getStackTraceElementProxyArray();
		}

		@Override
		public int getCommonFrames() {
			return this.proxy.getCommonFrames();
		}

		@Override
		public @Nullable IThrowableProxy getCause() {
			IThrowableProxy cause = this.proxy.getCause();
			return (cause != null) ? new RedactedThrowableProxy(cause, this.redactor) : null;
		}

		@Override
		public IThrowableProxy @Nullable [] getSuppressed() {
			IThrowableProxy[] suppressed = this.proxy.getSuppressed();
			if (suppressed == null) {
				return null;
			}
			IThrowableProxy[] redacted = new IThrowableProxy[suppressed.length];
			for (int i = 0; i < suppressed.length; i++) {
				redacted[i] = new RedactedThrowableProxy(suppressed[i], this.redactor);
			}
			return redacted;
		}

		@Override
		public boolean isCyclic() {
			return this.proxy.isCyclic();
		}

	}

}
