package io.selfobs.autoconfigure.logging.internal;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.selfobs.autoconfigure.logging.LogRedaction;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The view of an event the ECS encoder's own serialisation sees: the message and the exception message
 * redacted, and no MDC or markers, which {@link SelfobsEcsEncoder} writes itself (typed, deduplicated, all
 * markers).
 */
final class RedactedLoggingEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final LogRedaction redaction;

	RedactedLoggingEvent(ILoggingEvent event, LogRedaction redaction) {
		this.event = event;
		this.redaction = redaction;
	}

	ILoggingEvent original() {
		return this.event;
	}

	@Override
	public String getFormattedMessage() {
		return this.redaction.redact(this.event.getFormattedMessage());
	}

	@Override
	public IThrowableProxy getThrowableProxy() {
		IThrowableProxy proxy = this.event.getThrowableProxy();
		return (proxy != null) ? new RedactedThrowableProxy(proxy, this.redaction) : null;
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return Map.of();
	}

	@Override
	@Deprecated
	public Map<String, String> getMdc() {
		return Map.of();
	}

	@Override
	public Marker getMarker() {
		return null;
	}

	@Override
	public List<Marker> getMarkerList() {
		return null;
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

	private record RedactedThrowableProxy(IThrowableProxy proxy, LogRedaction redaction) implements IThrowableProxy {

		@Override
		public String getMessage() {
			return this.redaction.redact(this.proxy.getMessage());
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
		public IThrowableProxy getCause() {
			return this.proxy.getCause();
		}

		@Override
		public IThrowableProxy[] getSuppressed() {
			return this.proxy.getSuppressed();
		}

		@Override
		public boolean isCyclic() {
			return this.proxy.isCyclic();
		}

	}

}
