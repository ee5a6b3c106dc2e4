/**
 * Kubernetes probes: the /livez, /readyz, /startupz and /healthz endpoints on the
 * application port, their health groups, and the startup gate services use to hold
 * readiness until their own startup work is done.
 */
@NullMarked
package io.selfobs.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
