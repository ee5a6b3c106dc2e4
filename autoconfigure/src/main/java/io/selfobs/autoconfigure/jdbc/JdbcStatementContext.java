package io.selfobs.autoconfigure.jdbc;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one JDBC statement execution: the SQL as executed (before sanitizing), the
 * statements of a {@code Statement} batch, the database it ran against and, after
 * execution, the rows it affected.
 */
public final class JdbcStatementContext extends Observation.Context implements Supplier<JdbcStatementContext> {

	private static final long NO_COUNT = -1;

	private final JdbcDatabase database;

	private final String statement;

	private final @Nullable List<String> batch;

	private long rowsAffected = NO_COUNT;

	private @Nullable Object batchRowsAffected;

	private boolean executed;

	JdbcStatementContext(JdbcDatabase database, String statement, @Nullable List<String> batch) {
		this.database = database;
		this.statement = statement;
		this.batch = batch;
	}

	/**
	 * Return the SQL of the statement: the prepared statement's, or the first of a
	 * {@code Statement} batch. It may carry literal values.
	 * @return the SQL as executed
	 */
	public String getStatement() {
		return this.statement;
	}

	/**
	 * Return every statement executed: one, or each statement of a {@code Statement}
	 * batch in order.
	 * @return the statements
	 */
	public List<String> getStatements() {
		return (this.batch != null) ? this.batch : List.of(this.statement);
	}

	/**
	 * Return the name of the {@code DataSource}: the HikariCP pool name when set, else
	 * the connection's catalog, else the bean name.
	 * @return the data source name
	 */
	public String getDataSourceName() {
		return this.database.name();
	}

	/**
	 * Return the OpenTelemetry {@code db.system.name} of the database, from its JDBC URL
	 * ({@code postgresql}, {@code h2database}, ..., else {@code other_sql}).
	 * @return the database system name
	 */
	public String getDbSystemName() {
		return this.database.systemName();
	}

	/**
	 * Return the host of the database server, when the JDBC URL names one.
	 * @return the server address or {@code null}
	 */
	public @Nullable String getServerAddress() {
		return this.database.serverAddress();
	}

	/**
	 * Return the port of the database server, when the JDBC URL names one.
	 * @return the port or -1
	 */
	public int getServerPort() {
		return this.database.serverPort();
	}

	/**
	 * Return the rows affected, once the statement has run: the update count of
	 * {@code executeUpdate}, the counts of {@code executeBatch} as {@code [1, 1]};
	 * {@code null} for queries, for {@code execute} and on failure.
	 * @return the rows affected or {@code null}
	 */
	public @Nullable String getRowsAffected() {
		if (this.rowsAffected != NO_COUNT) {
			return Long.toString(this.rowsAffected);
		}
		if (this.batchRowsAffected instanceof int[] counts) {
			return Arrays.toString(counts);
		}
		if (this.batchRowsAffected instanceof long[] counts) {
			return Arrays.toString(counts);
		}
		return null;
	}

	/**
	 * Whether the statement has run (successfully or not): the high-cardinality tags are
	 * worth computing only then, not when the observation starts.
	 * @return whether the statement has run
	 */
	public boolean isExecuted() {
		return this.executed;
	}

	JdbcDatabase getDatabase() {
		return this.database;
	}

	void executed() {
		this.executed = true;
	}

	void setRowsAffected(long rowsAffected) {
		this.rowsAffected = rowsAffected;
	}

	void setBatchRowsAffected(Object counts) {
		this.batchRowsAffected = counts;
	}

	/**
	 * The context is its own supplier, so that creating the observation allocates no
	 * lambda. Internal, not API.
	 * @return this context
	 */
	@Override
	public JdbcStatementContext get() {
		return this;
	}

}
