/**
 * Internal, not API: span exporters and processors, samplers, span handlers and
 * observation predicates.
 */
@NullMarked
package io.selfobs.autoconfigure.tracing.internal;

import org.jspecify.annotations.NullMarked;
