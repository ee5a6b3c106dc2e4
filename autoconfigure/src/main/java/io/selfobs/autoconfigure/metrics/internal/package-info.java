/**
 * Internal, not API: the meter filters every registry shares (OpenTelemetry naming,
 * descriptions, explicit histogram buckets, the cardinality cap) and the naming defaults.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal;

import org.jspecify.annotations.NullMarked;
