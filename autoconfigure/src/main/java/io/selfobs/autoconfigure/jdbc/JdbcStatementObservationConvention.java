package io.selfobs.autoconfigure.jdbc;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for JDBC statement executions. Declare a bean of this
 * type to replace {@link DefaultJdbcStatementObservationConvention}.
 */
public interface JdbcStatementObservationConvention extends ObservationConvention<JdbcStatementContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof JdbcStatementContext;
	}

}
