/**
 * What happened to exported telemetry: items sent, failed and dropped per signal,
 * transport and reason, and the throttled warning that reports failures.
 */
@NullMarked
package io.selfobs.autoconfigure.otlp.telemetry;

import org.jspecify.annotations.NullMarked;
