package io.selfobs.autoconfigure.health;

import io.selfobs.autoconfigure.health.ProbeTestApplication.Database;
import io.selfobs.autoconfigure.health.ProbeTestApplication.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard Boot health group properties and {@code otel.health.*} set by the user win
 * over the starter's defaults.
 */
class UserOverridesProbesIntegrationTests {

	private static Database database;

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void startApplicationWithTheDatabaseDown() {
		database = new Database();
		database.stop();
		context = ProbeTestApplication.run(database,
				"--management.endpoint.health.group.readiness.include=readinessState",
				"--management.endpoint.health.group.readiness.show-details=always",
				"--management.endpoint.health.group.liveness.additional-path=server:/alive",
				"--otel.health.startup.path=/started", "--otel.health.healthz.enabled=false");
		port = ProbeTestApplication.mainPort(context);
	}

	@AfterAll
	static void stopApplication() {
		context.close();
		database.close();
	}

	@Test
	void userReadinessMembersReplaceTheDefaults() {
		Response readiness = ProbeTestApplication.get(port, "/readyz");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"readinessState\"").doesNotContain("\"db\"", "startupState");
	}

	@Test
	void userGroupPathReplacesTheDefaultPath() {
		assertThat(ProbeTestApplication.get(port, "/alive").status()).isEqualTo(200);
		assertThat(ProbeTestApplication.get(port, "/livez").status()).isEqualTo(404);
	}

	@Test
	void otelHealthPropertiesRenameAndDisableProbes() {
		assertThat(ProbeTestApplication.get(port, "/started").status()).isEqualTo(200);
		assertThat(ProbeTestApplication.get(port, "/startupz").status()).isEqualTo(404);
		assertThat(ProbeTestApplication.get(port, "/healthz").status()).isEqualTo(404);
	}

	@Test
	void probePathsReportWhatIsServed() {
		assertThat(context.getBean(ProbePaths.class).paths()).containsExactlyInAnyOrder("/alive", "/readyz",
				"/started");
	}

}
