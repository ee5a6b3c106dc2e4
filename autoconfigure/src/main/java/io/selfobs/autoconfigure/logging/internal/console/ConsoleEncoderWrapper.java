package io.selfobs.autoconfigure.logging.internal.console;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;

/**
 * An encoder selfobs put on the console in place of Spring Boot's, which it can give
 * back.
 */
interface ConsoleEncoderWrapper {

	/**
	 * The encoder Spring Boot configured.
	 * @return the original encoder
	 */
	Encoder<ILoggingEvent> original();

}
