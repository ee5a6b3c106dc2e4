/**
 * Internal, not API: validation and binding of the OTLP settings, exporter construction,
 * TLS material, the export executor and shutdown.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp.internal;

import org.jspecify.annotations.NullMarked;
