/**
 * Metrics: Prometheus scraping and OTLP export of Micrometer meters with OpenTelemetry
 * semantic-convention names, cardinality limits and histogram buckets.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
