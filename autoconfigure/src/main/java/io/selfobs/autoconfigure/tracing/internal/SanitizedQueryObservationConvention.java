package io.selfobs.autoconfigure.tracing.internal;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import net.ttddyy.observation.tracing.JdbcObservationDocumentation.QueryHighCardinalityKeyNames;
import net.ttddyy.observation.tracing.QueryContext;
import net.ttddyy.observation.tracing.QueryObservationConvention;

/**
 * Tags JDBC query spans with the statement text stripped of literal values
 * ({@code where name = 'bob'} becomes {@code where name = ?}, see {@link SqlSanitizer}),
 * so data never reaches traces through SQL. The statement as executed is untouched; bound
 * parameters are never tagged. Internal, not API.
 */
public final class SanitizedQueryObservationConvention implements QueryObservationConvention {

	private final SqlSanitizer sanitizer = new SqlSanitizer();

	/**
	 * {@code jdbc.query[0]} and on, built once: the library formats them with
	 * String.format on every call.
	 */
	private static final String[] QUERY_KEYS = { queryKey(0), queryKey(1), queryKey(2), queryKey(3) };

	@Override
	public KeyValues getHighCardinalityKeyValues(QueryContext context) {
		List<String> queries = context.getQueries();
		List<KeyValue> keyValues = new ArrayList<>(queries.size() + 1);
		for (int i = 0; i < queries.size(); i++) {
			keyValues.add(KeyValue.of((i < QUERY_KEYS.length) ? QUERY_KEYS[i] : queryKey(i), sanitize(queries.get(i))));
		}
		String rowsAffected = context.getAffectedRowCount();
		if (rowsAffected != null) {
			keyValues.add(KeyValue.of(QueryHighCardinalityKeyNames.ROW_AFFECTED, rowsAffected));
		}
		return KeyValues.of(keyValues);
	}

	private String sanitize(String query) {
		return this.sanitizer.sanitize(query);
	}

	private static String queryKey(int index) {
		return "jdbc.query[" + index + "]";
	}

}
