/**
 * Internal, not API: meter filters, semantic-convention observation conventions, the OTLP
 * metrics sender and the Prometheus endpoints.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal;

import org.jspecify.annotations.NullMarked;
