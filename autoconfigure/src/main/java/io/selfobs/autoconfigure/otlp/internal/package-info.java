/**
 * Internal, not API: the export pipeline every signal shares: the bounded queue and the
 * counting of its drops, exporter construction for both transports, export outcomes, the
 * export executor and shutdown, and the binding of the closed-set otel.* values.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp.internal;

import org.jspecify.annotations.NullMarked;
