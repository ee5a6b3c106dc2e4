/**
 * OTLP export settings shared by every signal: the otel.* properties and their value
 * types, the standard OTEL_* environment variables, the resource attributes and the
 * auto-configuration of what every signal shares.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp;

import org.jspecify.annotations.NullMarked;
