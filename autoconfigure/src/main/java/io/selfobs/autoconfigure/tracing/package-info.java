/**
 * Tracing: span export over OTLP, sampling, and the Observation setup that names server,
 * client and database spans after the OpenTelemetry semantic conventions.
 */
@NullMarked
package io.selfobs.autoconfigure.tracing;

import org.jspecify.annotations.NullMarked;
