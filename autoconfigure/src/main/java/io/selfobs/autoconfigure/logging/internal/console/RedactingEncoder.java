package io.selfobs.autoconfigure.logging.internal.console;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.logging.internal.RedactedLoggingEvent;

/**
 * Keeps Spring Boot's text console as it is, but hands it events whose message, MDC
 * values and exception messages went through the current
 * {@link LogbackRedactorHolder#get() redactor} first. Internal, not API.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> implements ConsoleEncoderWrapper {

	private final Encoder<ILoggingEvent> delegate;

	public RedactingEncoder(Encoder<ILoggingEvent> delegate) {
		this.delegate = delegate;
	}

	@Override
	public Encoder<ILoggingEvent> original() {
		return this.delegate;
	}

	@Override
	public byte[] headerBytes() {
		return this.delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return this.delegate.encode(RedactedLoggingEvent.forText(event, LogbackRedactorHolder.get()));
	}

	@Override
	public byte[] footerBytes() {
		return this.delegate.footerBytes();
	}

}
