package io.selfobs.autoconfigure.tracing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

/**
 * Runs {@link TracingTestApplication} in a JVM of its own and prints its port, for tests
 * that stop it as Kubernetes does (SIGTERM).
 */
public final class ShutdownTestApplication {

	static final String PORT_LINE = "SELFOBS_TEST_PORT=";

	private ShutdownTestApplication() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TracingTestApplication.class);
		application.addListeners(
				(WebServerInitializedEvent event) -> System.out.println(PORT_LINE + event.getWebServer().getPort()));
		application.run(args);
	}

}
