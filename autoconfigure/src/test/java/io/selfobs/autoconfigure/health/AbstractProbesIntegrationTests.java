package io.selfobs.autoconfigure.health;

import io.selfobs.autoconfigure.health.ProbeTestApplication.Database;
import io.selfobs.autoconfigure.health.ProbeTestApplication.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four probes of a running application, called over HTTP on its main port.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class AbstractProbesIntegrationTests {

	private Database database;

	private ConfigurableApplicationContext context;

	private int port;

	/**
	 * Arguments that place the Actuator endpoints.
	 * @return further {@code --name=value} arguments
	 */
	abstract String[] managementArguments();

	/**
	 * The port the Actuator endpoints answer on.
	 * @param context the running application
	 * @return the management port
	 */
	abstract int managementPort(ConfigurableApplicationContext context);

	@BeforeAll
	void startApplication() {
		this.database = new Database();
		this.context = ProbeTestApplication.run(this.database, managementArguments());
		this.port = ProbeTestApplication.mainPort(this.context);
	}

	@AfterAll
	void stopApplication() {
		this.context.close();
		this.database.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/livez", "/readyz", "/startupz", "/healthz" })
	void probeAnswersUpWithStatusOnlyJsonOnTheMainPort(String path) {
		Response response = ProbeTestApplication.get(this.port, path);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(response.contentType()).contains("json");
	}

	@Test
	void actuatorHealthStillShowsDetailsWhereConfigured() {
		Response health = ProbeTestApplication.get(managementPort(this.context), "/actuator/health");
		assertThat(health.body()).contains("\"components\"", "\"otlpCollector\"", "collector unreachable");
	}

	@Test
	void collectorDownDoesNotMakeTheApplicationUnready() {
		assertThat(ProbeTestApplication.get(managementPort(this.context), "/actuator/health").status()).isEqualTo(503);
		assertThat(ProbeTestApplication.get(this.port, "/readyz").status()).isEqualTo(200);
	}

	@Test
	void databaseOutageMakesReadinessDownWhileLivenessStaysUp() {
		this.database.stop();
		try {
			Response readiness = ProbeTestApplication.get(this.port, "/readyz");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.body()).isEqualTo("{\"status\":\"DOWN\"}");
			assertThat(ProbeTestApplication.get(this.port, "/livez").status()).isEqualTo(200);
			assertThat(ProbeTestApplication.get(this.port, "/healthz").status()).isEqualTo(200);
			assertThat(ProbeTestApplication.get(this.port, "/startupz").status()).isEqualTo(200);
		}
		finally {
			this.database.restart();
		}
		assertThat(ProbeTestApplication.get(this.port, "/readyz").status()).isEqualTo(200);
	}

}
