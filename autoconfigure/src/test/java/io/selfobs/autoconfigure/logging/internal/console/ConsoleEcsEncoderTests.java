package io.selfobs.autoconfigure.logging.internal.console;

import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import co.elastic.logging.EcsJsonSerializer;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request event's line starts with the fields every ECS line carries, written as
 * ecs-logging's serializer writes them, escapes included, and follows the encoder's
 * settings when they change.
 */
class ConsoleEcsEncoderTests {

	@Test
	void requestEventLineStartsWithTheFieldsEcsLoggingWritesEscapedTheSameWay() {
		ConsoleEcsEncoder encoder = startedEncoder("pki \"core\" – süd", "1.2\\3", "prod\n", "node-1", null);
		RequestEvent event = event("http-nio-\"8443\"-exec-1", "/est/\"x\"\\y");
		StringBuilder line = new StringBuilder();
		encoder.encodeRequestEvent(event, line);
		assertThat(line.toString()).startsWith(header(encoder, event));
	}

	@Test
	void requestEventLineFollowsAServiceSettingChangedAfterTheFirstLine() {
		ConsoleEcsEncoder encoder = startedEncoder("before", null, null, null, "before.access");
		RequestEvent event = event("main", "/work");
		encoder.encodeRequestEvent(event, new StringBuilder());
		encoder.setServiceName("after");
		encoder.setServiceVersion("2.0");
		encoder.setEventDataset("after.access");
		StringBuilder line = new StringBuilder();
		encoder.encodeRequestEvent(event, line);
		assertThat(line.toString()).startsWith(header(encoder, event))
			.contains("\"service.name\":\"after\",\"service.version\":\"2.0\"")
			.contains("\"event.dataset\":\"after.access\"")
			.doesNotContain("before");
	}

	private static ConsoleEcsEncoder startedEncoder(String serviceName, String serviceVersion, String environment,
			String nodeName, String dataset) {
		LoggerContext context = new LoggerContext();
		PatternLayoutEncoder original = new PatternLayoutEncoder();
		original.setContext(context);
		ConsoleEcsEncoder encoder = new ConsoleEcsEncoder(original);
		encoder.setContext(context);
		encoder.setServiceName(serviceName);
		encoder.setServiceVersion(serviceVersion);
		encoder.setServiceEnvironment(environment);
		encoder.setServiceNodeName(nodeName);
		encoder.setEventDataset(dataset);
		encoder.start();
		return encoder;
	}

	private static RequestEvent event(String threadName, String path) {
		return new RequestEvent(Instant.parse("2026-12-01T08:00:00.123Z"), threadName, Map.of(), null, null, "GET",
				path, null, null, 200, 2_000_000L, "127.0.0.1", null, null, null, -1, 12);
	}

	/**
	 * The fields up to the logger's name, as ecs-logging's serializer writes them.
	 */
	private static String header(ConsoleEcsEncoder encoder, RequestEvent event) {
		StringBuilder json = new StringBuilder();
		EcsJsonSerializer.serializeObjectStart(json, event.timestamp.toEpochMilli());
		EcsJsonSerializer.serializeLogLevel(json, "INFO");
		EcsJsonSerializer.serializeFormattedMessage(json, event.message());
		EcsJsonSerializer.serializeEcsVersion(json);
		EcsJsonSerializer.serializeServiceName(json, encoder.getServiceName());
		EcsJsonSerializer.serializeServiceVersion(json, encoder.getServiceVersion());
		EcsJsonSerializer.serializeServiceEnvironment(json, encoder.getServiceEnvironment());
		EcsJsonSerializer.serializeServiceNodeName(json, encoder.getServiceNodeName());
		EcsJsonSerializer.serializeEventDataset(json, encoder.getEventDataset());
		EcsJsonSerializer.serializeThreadName(json, event.threadName);
		EcsJsonSerializer.serializeLoggerName(json, RequestEvent.ACCESS_LOGGER);
		return json.toString();
	}

}
