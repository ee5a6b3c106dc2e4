/**
 * Internal, not API: the OTLP log pipeline: the logback appender feeding the SDK, the
 * bounded log record processor, redaction and outcome counting of exported records.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.internal.otlp;

import org.jspecify.annotations.NullMarked;
