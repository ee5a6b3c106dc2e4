/**
 * Internal, not API: JVM and process meters under the names dashboards query.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal.runtime;

import org.jspecify.annotations.NullMarked;
