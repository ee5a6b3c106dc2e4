package io.selfobs.autoconfigure.logging.ecs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.selfobs.autoconfigure.test.EcsLogValidator;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder quirks the ECS encoder alone has: what happens to clashing keys, odd values
 * and markers.
 */
class SelfobsEcsEncoderTests {

	private final LoggerContext context = new LoggerContext();

	private final EcsLogValidator validator = EcsLogValidator.load();

	@Test
	void clashingKeysAreWrittenOnceAndObjectPathsNeverCollide() {
		LoggingEvent event = new LoggingEvent("test", this.context.getLogger("test"), Level.INFO, "clash", null, null);
		event.setMDCPropertyMap(Map.of("service.name", "from-mdc", "log.level", "TRACE", "traceId",
				"0af7651916cd43dd8448eb211c80319c", "spanId", "b7ad6b7169203331", "user", "u1"));
		event.addKeyValuePair(new KeyValuePair("service", "a value where an object is"));
		event.addKeyValuePair(new KeyValuePair("user.id", "child of a value"));
		event.addKeyValuePair(new KeyValuePair("message", "not the message"));
		JsonNode line = encode(event);
		assertThat(line.get("service.name").asString()).isEqualTo("svc");
		assertThat(line.get("log.level").asString()).isEqualTo("INFO");
		assertThat(line.get("message").asString()).isEqualTo("clash");
		assertThat(line.has("service")).isFalse();
		assertThat(line.get("user.id").asString()).isEqualTo("child of a value");
		assertThat(line.has("user")).isFalse();
		assertThat(line.get("trace.id").asString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(line.get("span.id").asString()).isEqualTo("b7ad6b7169203331");
		assertThat(line.has("traceId")).isFalse();
	}

	@Test
	void aRepeatedKeyIsWrittenOnceWhereItFirstAppearsWithItsLastValue() {
		LoggingEvent event = event("repeated");
		event.addKeyValuePair(new KeyValuePair("order.id", "first"));
		event.addKeyValuePair(new KeyValuePair("order.total", 12));
		event.addKeyValuePair(new KeyValuePair("order.id", "last"));
		JsonNode line = encode(event);
		assertThat(line.get("order.id").asString()).isEqualTo("last");
		assertThat(line.propertyNames()).containsSubsequence("order.id", "order.total");
	}

	@Test
	void manyFieldsAreAllWrittenAndStillNeverClash() {
		LoggingEvent event = event("many");
		for (int i = 0; i < 40; i++) {
			event.addKeyValuePair(new KeyValuePair("field.n" + i, i));
		}
		event.addKeyValuePair(new KeyValuePair("field.n7.child", "under a value"));
		event.addKeyValuePair(new KeyValuePair("field", "where an object is"));
		JsonNode line = encode(event);
		for (int i = 0; i < 40; i++) {
			assertThat(line.get("field.n" + i).asInt()).isEqualTo(i);
		}
		assertThat(line.has("field.n7.child")).isFalse();
		assertThat(line.has("field")).isFalse();
	}

	@Test
	void valuesKeepTheirJsonTypes() {
		LoggingEvent event = event("types");
		event.addKeyValuePair(new KeyValuePair("count", 3L));
		event.addKeyValuePair(new KeyValuePair("big", new java.math.BigDecimal("12.50")));
		event.addKeyValuePair(new KeyValuePair("nan", Double.NaN));
		event.addKeyValuePair(new KeyValuePair("list", List.of(1, "two", true)));
		event.addKeyValuePair(new KeyValuePair("object", new StringBuilder("as text")));
		JsonNode line = encode(event);
		assertThat(line.get("count").isIntegralNumber()).isTrue();
		assertThat(line.get("big").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(line.get("nan").asString()).isEqualTo("NaN");
		assertThat(line.get("list").toString()).isEqualTo("[1,\"two\",true]");
		assertThat(line.get("object").asString()).isEqualTo("as text");
	}

	@Test
	void everyMarkerBecomesATag() {
		LoggingEvent event = event("markers");
		org.slf4j.Marker parent = MarkerFactory.getDetachedMarker("parent");
		parent.add(MarkerFactory.getDetachedMarker("child"));
		event.addMarker(parent);
		event.addMarker(MarkerFactory.getDetachedMarker("second"));
		assertThat(encode(event).get("tags").toString()).isEqualTo("[\"parent\",\"child\",\"second\"]");
	}

	@Test
	void anExceptionIsOneStackTraceStringOnOneLine() {
		LoggingEvent event = new LoggingEvent("test", this.context.getLogger("test"), Level.ERROR, "failed",
				new IllegalStateException("outer", new IllegalArgumentException("inner")), null);
		event.setMDCPropertyMap(Map.of());
		event.addKeyValuePair(new KeyValuePair("error.message", "must not clash"));
		JsonNode line = encode(event);
		assertThat(line.get("error.type").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(line.get("error.message").asString()).isEqualTo("outer");
		assertThat(line.get("error.stack_trace").asString())
			.contains("Caused by: java.lang.IllegalArgumentException: inner");
	}

	private LoggingEvent event(String message) {
		LoggingEvent event = new LoggingEvent("test", this.context.getLogger("test"), Level.INFO, message, null, null);
		event.setMDCPropertyMap(Map.of());
		return event;
	}

	private JsonNode encode(LoggingEvent event) {
		SelfobsEcsEncoder encoder = new SelfobsEcsEncoder();
		encoder.setContext(this.context);
		encoder.setServiceName("svc");
		encoder.start();
		String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
		assertThat(line.strip()).doesNotContain("\n");
		return this.validator.validate(line.strip());
	}

}
