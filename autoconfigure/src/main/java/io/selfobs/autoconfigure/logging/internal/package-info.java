/**
 * Internal, not API: the console pipeline, ECS field writing, request events, the OTLP log pipeline and the
 * logback setup at startup.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.internal;

import org.jspecify.annotations.NullMarked;
