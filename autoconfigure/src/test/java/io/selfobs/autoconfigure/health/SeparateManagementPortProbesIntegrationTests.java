package io.selfobs.autoconfigure.health;

import io.selfobs.autoconfigure.health.ProbeTestApplication.Response;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes when {@code management.server.port} moves the Actuator endpoints to a port of
 * their own: the probes stay on the main port, where Kubernetes calls them.
 */
class SeparateManagementPortProbesIntegrationTests extends AbstractProbesIntegrationTests {

	private ConfigurableApplicationContext context;

	@Override
	String[] managementArguments() {
		return new String[] { "--management.server.port=0" };
	}

	@Override
	int managementPort(ConfigurableApplicationContext context) {
		this.context = context;
		return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	@Test
	void actuatorIsOnItsOwnPortAndProbesAreNot() {
		int managementPort = managementPort(this.context);
		assertThat(managementPort).isNotEqualTo(ProbeTestApplication.mainPort(this.context));
		Response livezOnManagementPort = ProbeTestApplication.get(managementPort, "/livez");
		assertThat(livezOnManagementPort.status()).isEqualTo(404);
		assertThat(ProbeTestApplication.get(managementPort, "/actuator/health/liveness").status()).isEqualTo(200);
	}

}
