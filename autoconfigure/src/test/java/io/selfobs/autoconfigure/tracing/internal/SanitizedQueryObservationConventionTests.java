package io.selfobs.autoconfigure.tracing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.common.KeyValue;
import net.ttddyy.observation.tracing.QueryContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SanitizedQueryObservationConventionTests {

	private final SanitizedQueryObservationConvention convention = new SanitizedQueryObservationConvention();

	@Test
	void everyStatementOfABatchIsTaggedWithoutLiteralsAndParametersNever() {
		QueryContext context = new QueryContext();
		List<String> queries = IntStream.range(0, 6)
			.mapToObj((i) -> "UPDATE items SET owner = 'alice@example.com' WHERE id = " + i)
			.collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
		context.setQueries(queries);
		context.setParams(new ArrayList<>(List.of("alice@example.com")));
		context.setAffectedRowCount("6");
		List<KeyValue> keyValues = this.convention.getHighCardinalityKeyValues(context).stream().toList();
		assertThat(keyValues).extracting(KeyValue::getKey)
			.containsExactlyInAnyOrder("jdbc.query[0]", "jdbc.query[1]", "jdbc.query[2]", "jdbc.query[3]",
					"jdbc.query[4]", "jdbc.query[5]", "jdbc.row-affected");
		assertThat(keyValues).filteredOn((keyValue) -> keyValue.getKey().startsWith("jdbc.query["))
			.extracting(KeyValue::getValue)
			.containsOnly("UPDATE items SET owner = ? WHERE id = ?");
		assertThat(keyValues.toString()).doesNotContain("alice");
	}

}
