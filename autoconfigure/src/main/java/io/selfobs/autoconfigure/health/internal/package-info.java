/**
 * Internal, not API: probe groups, their defaults and conditions, the startup gate
 * implementation and the probe status meters.
 */
@NullMarked
package io.selfobs.autoconfigure.health.internal;

import org.jspecify.annotations.NullMarked;
