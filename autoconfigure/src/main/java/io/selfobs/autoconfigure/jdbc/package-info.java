/**
 * JDBC statement observation: each {@code DataSource} bean is wrapped so that every
 * statement execution is one Micrometer observation (a client span and the
 * {@code db.client.operation.duration} timer), tagged with the statement stripped of
 * literal values. Users customize the tags with a
 * {@link io.selfobs.autoconfigure.jdbc.JdbcStatementObservationConvention} over a
 * {@link io.selfobs.autoconfigure.jdbc.JdbcStatementContext}.
 */
@NullMarked
package io.selfobs.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
