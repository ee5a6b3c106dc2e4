/**
 * Internal, not API: the OTLP push of metrics: the sender for both transports, its data
 * point count, and the naming that ends at the scrape's names after translation.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal.otlp;

import org.jspecify.annotations.NullMarked;
