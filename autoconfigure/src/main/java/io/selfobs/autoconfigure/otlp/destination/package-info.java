/**
 * Whether and where each signal is exported over OTLP: the enablement rule, its condition
 * and the destination every exporter is built from.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp.destination;

import org.jspecify.annotations.NullMarked;
