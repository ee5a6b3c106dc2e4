package io.selfobs.autoconfigure.jdbc;

import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Starts and stops the observation of one statement execution, without lambdas, so a
 * statement costs its context and observation and nothing else on top. Internal, not API:
 * public for the JDBC wrappers only.
 */
public final class JdbcStatementObserver {

	private static final DefaultJdbcStatementObservationConvention DEFAULT_CONVENTION = new DefaultJdbcStatementObservationConvention();

	private JdbcStatementObserver() {
	}

	/**
	 * Start observing one statement execution.
	 * @param database what the data source's statements are observed with
	 * @param statement the SQL as executed
	 * @param batch the statements of a {@code Statement} batch, or {@code null}
	 * @return the started observation
	 */
	public static Observation start(JdbcDatabase database, String statement, @Nullable List<String> batch) {
		JdbcStatementContext context = new JdbcStatementContext(database, statement, batch);
		return Observation.createNotStarted(database.convention(), DEFAULT_CONVENTION, context, database.registry())
			.start();
	}

	/**
	 * Stop an observation whose statement failed.
	 * @param observation the observation
	 * @param error what the driver threw
	 */
	public static void failed(Observation observation, Throwable error) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.executed();
			observation.error(error);
		}
	}

	/**
	 * Stop an observation whose statement ran, with no row count to record.
	 * @param observation the observation
	 */
	public static void succeeded(Observation observation) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.executed();
		}
	}

	/**
	 * Stop an observation whose statement ran, with its update count.
	 * @param observation the observation
	 * @param rowsAffected the update count
	 */
	public static void succeeded(Observation observation, long rowsAffected) {
		JdbcStatementContext context = context(observation);
		if (context != null) {
			context.setRowsAffected(rowsAffected);
			context.executed();
		}
	}

	/**
	 * Stop an observation whose batch ran, with its update counts.
	 * @param observation the observation
	 * @param batchRowsAffected the {@code int[]} or {@code long[]} update counts
	 */
	public static void succeeded(Observation observation, Object batchRowsAffected) {
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
