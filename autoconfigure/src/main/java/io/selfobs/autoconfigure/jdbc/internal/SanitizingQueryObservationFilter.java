package io.selfobs.autoconfigure.jdbc.internal;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * For applications that observe JDBC through datasource-micrometer themselves: strips
 * literal values from its {@code jdbc.query[n]} tags (see {@link SqlSanitizer}) and drops
 * its {@code jdbc.params[n]} tags, so data never reaches traces through SQL there either.
 * Internal, not API.
 */
public final class SanitizingQueryObservationFilter implements ObservationFilter {

	private static final String QUERY_OBSERVATION = "jdbc.query";

	private static final String QUERY_KEY = "jdbc.query[";

	private static final String PARAMETERS_KEY = "jdbc.params[";

	private static final String QUERY_CONTEXT = "net.ttddyy.observation.tracing.QueryContext";

	private final SqlSanitizer sanitizer = new SqlSanitizer();

	@Override
	public Observation.Context map(Observation.Context context) {
		if (!QUERY_OBSERVATION.equals(context.getName()) || !QUERY_CONTEXT.equals(context.getClass().getName())) {
			return context;
		}
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			String key = keyValue.getKey();
			if (key.startsWith(QUERY_KEY)) {
				context.addHighCardinalityKeyValue(KeyValue.of(key, this.sanitizer.sanitize(keyValue.getValue())));
			}
			else if (key.startsWith(PARAMETERS_KEY)) {
				context.removeHighCardinalityKeyValue(key);
			}
		}
		return context;
	}

}
