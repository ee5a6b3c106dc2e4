/**
 * Telemetry for background workers and durable queues: the same meters, spans, System
 * Health rows and readiness contribution for every service that registers a
 * {@link io.selfobs.autoconfigure.worker.Worker} or a
 * {@link io.selfobs.autoconfigure.worker.DurableQueue}.
 */
@NullMarked
package io.selfobs.autoconfigure.worker;

import org.jspecify.annotations.NullMarked;
