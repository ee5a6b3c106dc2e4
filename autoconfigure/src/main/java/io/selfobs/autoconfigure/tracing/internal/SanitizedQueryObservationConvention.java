package io.selfobs.autoconfigure.tracing.internal;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlStatementSanitizer;
import net.ttddyy.observation.tracing.QueryContext;
import net.ttddyy.observation.tracing.QueryObservationConvention;

/**
 * Tags JDBC query spans with the statement text stripped of literal values ({@code where name = 'bob'} becomes
 * {@code where name = ?}), using the OpenTelemetry instrumentation's SQL sanitizer, so data never reaches traces
 * through SQL. The statement as executed is untouched; bound parameters are never tagged.
 */
public final class SanitizedQueryObservationConvention implements QueryObservationConvention {

	private static final SqlStatementSanitizer sanitizer = SqlStatementSanitizer.create(true);

	@Override
	public KeyValues getHighCardinalityKeyValues(QueryContext context) {
		List<KeyValue> keyValues = new ArrayList<>();
		for (KeyValue keyValue : QueryObservationConvention.super.getHighCardinalityKeyValues(context)) {
			if (!keyValue.getKey().startsWith("jdbc.params[")) {
				keyValues.add(sanitize(keyValue));
			}
		}
		return KeyValues.of(keyValues);
	}

	private static KeyValue sanitize(KeyValue keyValue) {
		if (!keyValue.getKey().startsWith("jdbc.query[")) {
			return keyValue;
		}
		String sanitized = sanitizer.sanitize(keyValue.getValue()).getFullStatement();
		return KeyValue.of(keyValue.getKey(), (sanitized != null) ? sanitized : "?");
	}

}
