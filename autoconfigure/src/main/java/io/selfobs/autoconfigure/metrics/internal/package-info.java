/**
 * Internal, not API: the meter filters every registry shares (OpenTelemetry naming,
 * descriptions, explicit histogram buckets, the cardinality cap), the naming defaults and
 * the database connection pool meters.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal;

import org.jspecify.annotations.NullMarked;
