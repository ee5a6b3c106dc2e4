package io.selfobs.autoconfigure.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import net.ttddyy.observation.tracing.JdbcObservationDocumentation;
import net.ttddyy.observation.tracing.QueryContext;
import net.ttddyy.observation.tracing.QueryObservationConvention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * datasource-micrometer's own query observation, with its default convention, passes the
 * filter: literal values and parameter values are gone from what handlers see.
 */
class SanitizingQueryObservationFilterTests {

	@Test
	void datasourceMicrometerQueryTagsLoseLiteralsAndParameters() {
		List<Observation.Context> stopped = new ArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationFilter(new SanitizingQueryObservationFilter());
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		QueryContext context = new QueryContext();
		context.setQueries(new ArrayList<>(List.of("UPDATE items SET owner = 'alice@example.com' WHERE id = 7",
				"DELETE FROM items WHERE id = 8")));
		context.setParams(new ArrayList<>(List.of("(alice@example.com)")));
		JdbcObservationDocumentation.QUERY.observation(registry, () -> context)
			.observationConvention(new QueryObservationConvention() {
			})
			.start()
			.stop();
		assertThat(stopped).hasSize(1);
		Observation.Context observed = stopped.get(0);
		assertThat(observed.getHighCardinalityKeyValue("jdbc.query[0]").getValue())
			.isEqualTo("UPDATE items SET owner = ? WHERE id = ?");
		assertThat(observed.getHighCardinalityKeyValue("jdbc.query[1]").getValue())
			.isEqualTo("DELETE FROM items WHERE id = ?");
		assertThat(observed.getAllKeyValues().toString()).doesNotContain("alice", "7", "8");
	}

}
