/**
 * Internal, not API: the logback setup at startup and what the logging sub-packages share
 * (the redactor logback components use, the redacted view of an event). Sub-packages:
 * {@code console}, {@code ecs}, {@code request}, {@code otlp}.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.internal;

import org.jspecify.annotations.NullMarked;
