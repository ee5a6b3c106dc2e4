/**
 * The System Health page: one server-rendered HTML page with the service's probes,
 * workers, durable queues and telemetry pipelines, for an operator without access to the
 * observability backend.
 */
@NullMarked
package io.selfobs.autoconfigure.systemhealth;

import org.jspecify.annotations.NullMarked;
