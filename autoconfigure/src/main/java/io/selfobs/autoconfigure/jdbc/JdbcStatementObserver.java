package io.selfobs.autoconfigure.jdbc;

import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Starts and stops the observation of one statement execution, without lambdas, so a
 * statement costs its context and observation and nothing else on top.
 */
final class JdbcStatementObserver {

	private static final DefaultJdbcStatementObservationConvention DEFAULT_CONVENTION = new DefaultJdbcStatementObservationConvention();

	private JdbcStatementObserver() {
	}

	static Observation start(JdbcDatabase database, String statement, @Nullable List<String> batch) {
		JdbcStatementContext context = new JdbcStatementContext(database, statement, batch);
		return Observation.createNotStarted(database.convention(), DEFAULT_CONVENTION, context, database.registry())
			.start();
	}

	static void failed(Observation observation, Throwable error) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.executed();
			observation.error(error);
		}
	}

	static void succeeded(Observation observation) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.executed();
		}
	}

	static void succeeded(Observation observation, long rowsAffected) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.setRowsAffected(rowsAffected);
			context.executed();
		}
	}

	static void succeeded(Observation observation, Object batchRowsAffected) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.setBatchRowsAffected(batchRowsAffected);
			context.executed();
		}
	}

	/** Null when the observation is a no-op (an observation predicate declined it). */
	private static @Nullable JdbcStatementContext context(Observation observation) {
		return (observation.getContext() instanceof JdbcStatementContext context) ? context : null;
	}

}
