/**
 * OTLP export settings shared by every signal: the otel.* properties, the standard OTEL_*
 * environment variables, destination resolution and the export outcome telemetry.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp;

import org.jspecify.annotations.NullMarked;
