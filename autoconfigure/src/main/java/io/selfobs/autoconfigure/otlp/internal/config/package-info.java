/**
 * Internal, not API: reading and checking the OTLP settings: the standard OTEL_*
 * variables, validation at binding time, the startup report of an invalid otel.*
 * property, and the TLS material of a destination.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp.internal.config;

import org.jspecify.annotations.NullMarked;
