package io.selfobs.autoconfigure.redaction;

import java.io.IOException;

import io.selfobs.autoconfigure.test.EcsLogValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canaries, logged the ways services log (message, MDC, key/value, exception chain),
 * never reach the raw stdout bytes with the starter's default redaction, in ECS and in
 * text mode.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleRedactionCanaryTests {

	private static final Logger logger = LoggerFactory.getLogger("io.selfobs.test.Canaries");

	@Test
	void ecsConsoleCarriesNoCanary(CapturedOutput output) {
		logCanaries("ecs");
		assertThat(RedactionCanaries.leakedIn(output.getOut())).isEmpty();
		assertThat(EcsLogValidator.load().validateLines(output.getOut())).isNotEmpty();
		assertThat(output.getOut()).contains("************4242")
			.contains("Basic authentication is disabled")
			.contains("early ");
	}

	@Test
	void textConsoleCarriesNoCanary(CapturedOutput output) {
		logCanaries("text");
		assertThat(RedactionCanaries.leakedIn(output.getOut())).isEmpty();
		assertThat(output.getOut()).contains("************4242").contains("Basic authentication is disabled");
	}

	private static void logCanaries(String format) {
		LoggingSystem.get(ConsoleRedactionCanaryTests.class.getClassLoader()).cleanUp();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CanaryApplication.class)
			.web(WebApplicationType.NONE)
			.properties("otel.logging.console.format=" + format, "spring.jmx.enabled=false")
			.listeners(ConsoleRedactionCanaryTests::logCanariesBeforeTheContextExists)
			.run()) {
			RedactionCanaries.freeText().forEach((channel, line) -> logger.info("{}: {}", channel, line));
			RedactionCanaries.nonSecrets().forEach(logger::info);
			MDC.put("password", RedactionCanaries.MDC_PASSWORD);
			try {
				logger.atWarn()
					.addKeyValue("api_key", RedactionCanaries.API_KEY_FIELD)
					.addKeyValue("url", RedactionCanaries.requestUrl())
					.setCause(new IllegalStateException("Invalid token " + RedactionCanaries.JWT,
							new IOException("401 for Authorization: Bearer " + RedactionCanaries.BEARER_TOKEN)))
					.log("Call failed with key {}", RedactionCanaries.PEM_PRIVATE_KEY);
			}
			finally {
				MDC.remove("password");
			}
		}
	}

	/**
	 * Logging is configured by now (console format included) but no bean exists yet.
	 */
	private static void logCanariesBeforeTheContextExists(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent) {
			RedactionCanaries.freeText().forEach((channel, line) -> logger.info("early {}: {}", channel, line));
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CanaryApplication {

	}

}
