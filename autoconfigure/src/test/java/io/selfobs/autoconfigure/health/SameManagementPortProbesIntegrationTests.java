package io.selfobs.autoconfigure.health;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Probes when the Actuator endpoints share the main server port.
 */
class SameManagementPortProbesIntegrationTests extends AbstractProbesIntegrationTests {

	@Override
	String[] managementArguments() {
		return new String[0];
	}

	@Override
	int managementPort(ConfigurableApplicationContext context) {
		return ProbeTestApplication.mainPort(context);
	}

}
