package io.selfobs.autoconfigure.health;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.autoconfigure.health.ProbeTestApplication.Database;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code selfobs_health_status{group}} follows what the probes answer: readiness drops to
 * 0 when the database goes away or the application refuses traffic and comes back with
 * it, while liveness stays 1; {@code /metrics} serves it.
 */
class ProbeStatusMetersIntegrationTests {

	private static final Duration BOUND = Duration.ofSeconds(30);

	@Test
	void gaugesFollowTheProbeGroups() throws Exception {
		try (Database database = new Database();
				ConfigurableApplicationContext context = ProbeTestApplication.run(database,
						"--otel.health.metrics.interval=100ms")) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(BOUND).untilAsserted(() -> {
				assertThat(status(meters, "readiness")).isEqualTo(1);
				assertThat(status(meters, "liveness")).isEqualTo(1);
				assertThat(status(meters, "startup")).isEqualTo(1);
			});
			int port = ProbeTestApplication.mainPort(context);
			assertThat(ProbeTestApplication.get(port, "/metrics").body())
				.contains("selfobs_health_status{group=\"readiness\"} 1");

			database.stop();
			await().atMost(BOUND).untilAsserted(() -> assertThat(status(meters, "readiness")).isZero());
			assertThat(ProbeTestApplication.get(port, "/readyz").status()).isEqualTo(503);
			assertThat(status(meters, "liveness")).isEqualTo(1);

			database.restart();
			await().atMost(BOUND).untilAsserted(() -> assertThat(status(meters, "readiness")).isEqualTo(1));

			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			await().atMost(BOUND).untilAsserted(() -> assertThat(status(meters, "readiness")).isZero());
		}
	}

	@Test
	void noGaugesWhenSwitchedOff() throws Exception {
		try (Database database = new Database();
				ConfigurableApplicationContext context = ProbeTestApplication.run(database,
						"--otel.health.metrics.enabled=false")) {
			assertThat(context.getBean(MeterRegistry.class).find("selfobs.health.status").gauges()).isEmpty();
		}
	}

	@Test
	void nonPositiveIntervalStopsStartupNamingTheProperty() throws Exception {
		try (Database database = new Database()) {
			assertThatException()
				.isThrownBy(() -> ProbeTestApplication.run(database, "--otel.health.metrics.interval=0s").close())
				.havingRootCause()
				.withMessageContaining("otel.health.metrics.interval");
		}
	}

	private static double status(MeterRegistry meters, String group) {
		Gauge gauge = meters.find("selfobs.health.status").tag("group", group).gauge();
		assertThat(gauge).as("gauge of %s", group).isNotNull();
		return gauge.value();
	}

}
