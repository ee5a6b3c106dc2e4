/**
 * The JDBC wrappers that observe each statement execution; all but
 * {@link io.selfobs.autoconfigure.jdbc.wrapper.ObservedDataSource} are internal, not API.
 */
@NullMarked
package io.selfobs.autoconfigure.jdbc.wrapper;

import org.jspecify.annotations.NullMarked;
