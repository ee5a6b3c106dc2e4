package io.selfobs.autoconfigure.jdbc;

import java.util.Arrays;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.selfobs.autoconfigure.jdbc.internal.SqlSanitizer;

/**
 * The default {@link JdbcStatementObservationConvention}: observation {@code jdbc.query}
 * (span {@code query}), low-cardinality {@code jdbc.datasource.name}; on the span
 * {@code jdbc.query[0]} (and on, for a batch) with the statement stripped of literal
 * values ({@code where name = 'bob'} becomes {@code where name = ?}, see
 * {@link SqlSanitizer}), {@code jdbc.row-affected}, {@code db.system.name},
 * {@code server.address} and {@code server.port}. Bound parameters are never tagged.
 */
public class DefaultJdbcStatementObservationConvention implements JdbcStatementObservationConvention {

	static final String NAME = "jdbc.query";

	static final String CONTEXTUAL_NAME = "query";

	static final String ROWS_AFFECTED = "jdbc.row-affected";

	/** {@code jdbc.query[0]} and on, built once. */
	private static final String[] QUERY_KEYS = { queryKey(0), queryKey(1), queryKey(2), queryKey(3) };

	private final SqlSanitizer sanitizer = new SqlSanitizer();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(JdbcStatementContext context) {
		return CONTEXTUAL_NAME;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(JdbcStatementContext context) {
		return context.getDatabase().lowCardinalityKeyValues();
	}

	/**
	 * Empty when the observation starts (nothing reads them before it stops); the
	 * statement and its outcome once it has run.
	 */
	@Override
	public KeyValues getHighCardinalityKeyValues(JdbcStatementContext context) {
		if (!context.isExecuted()) {
			return KeyValues.empty();
		}
		KeyValue[] database = context.getDatabase().highCardinalityKeyValues();
		List<String> statements = context.getStatements();
		String rowsAffected = context.getRowsAffected();
		KeyValue[] keyValues = Arrays.copyOf(database,
				database.length + statements.size() + ((rowsAffected != null) ? 1 : 0));
		int next = database.length;
		for (int i = 0; i < statements.size(); i++) {
			String key = (i < QUERY_KEYS.length) ? QUERY_KEYS[i] : queryKey(i);
			keyValues[next++] = KeyValue.of(key, this.sanitizer.sanitize(statements.get(i)));
		}
		if (rowsAffected != null) {
			keyValues[next] = KeyValue.of(ROWS_AFFECTED, rowsAffected);
		}
		return KeyValues.of(keyValues);
	}

	private static String queryKey(int index) {
		return "jdbc.query[" + index + "]";
	}

}
