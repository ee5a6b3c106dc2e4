/**
 * Internal, not API: the SQL sanitizer, the JDBC span and meter handlers.
 */
@NullMarked
package io.selfobs.autoconfigure.jdbc.internal;

import org.jspecify.annotations.NullMarked;
