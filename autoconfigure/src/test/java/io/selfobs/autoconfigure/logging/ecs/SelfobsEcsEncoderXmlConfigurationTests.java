package io.selfobs.autoconfigure.logging.ecs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import io.selfobs.autoconfigure.test.EcsLogValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own logback XML names the encoder there, and gets selfobs' ECS
 * lines: redacted, one line per event, its service fields.
 */
class SelfobsEcsEncoderXmlConfigurationTests {

	@Test
	void theEncoderNamedInLogbackXmlWritesRedactedEcsLines(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("app.log");
		String xml = """
				<configuration>
				  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
				    <file>%s</file>
				    <encoder class="io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder">
				      <serviceName>orders</serviceName>
				      <serviceEnvironment>staging</serviceEnvironment>
				    </encoder>
				  </appender>
				  <root level="INFO">
				    <appender-ref ref="FILE"/>
				  </root>
				</configuration>
				""".formatted(file);
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		context.start();
		Logger logger = context.getLogger("checkout");
		logger.atInfo().addKeyValue("order.total", 12).log("login failed password=cnryXmlPassw0rd");
		logger.error("payment failed", new IllegalStateException("token=cnryXmlToken42"));
		assertThat(context.getStatusManager().getCopyOfStatusList())
			.noneMatch((status) -> status.getLevel() >= Status.ERROR);
		context.stop();
		String output = Files.readString(file);
		assertThat(output).doesNotContain("cnryXmlPassw0rd").doesNotContain("cnryXmlToken42");
		List<JsonNode> lines = EcsLogValidator.load().validateLines(output);
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0).get("service.name").asString()).isEqualTo("orders");
		assertThat(lines.get(0).get("service.environment").asString()).isEqualTo("staging");
		assertThat(lines.get(0).get("order.total").asInt()).isEqualTo(12);
		assertThat(lines.get(1).get("error.stack_trace").asString()).contains("IllegalStateException");
	}

}
