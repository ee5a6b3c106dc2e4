/**
 * Internal, not API: the Prometheus scrape: the registry view aligned with the OTLP push
 * and the scrape endpoint on its own port.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal.prometheus;

import org.jspecify.annotations.NullMarked;
