/**
 * Logging: the console format (text or ECS JSON), redaction of every line, request events
 * and the export of log records over OTLP.
 */
@NullMarked
package io.selfobs.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
