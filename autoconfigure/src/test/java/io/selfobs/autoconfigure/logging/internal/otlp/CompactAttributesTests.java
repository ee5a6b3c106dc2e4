package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CompactAttributes} against the SDK's own attributes given the same puts: same
 * entries, same iteration order, a repeated key name keeping its last key and value.
 */
class CompactAttributesTests {

	@Test
	void sameEntriesAndOrderAsTheApisAttributes() {
		CompactAttributes.Builder compact = CompactAttributes.builder(8);
		AttributesBuilder api = Attributes.builder();
		put(compact, api, AttributeKey.stringKey("url.path"), "/a");
		put(compact, api, AttributeKey.longKey("http.response.status_code"), 200L);
		put(compact, api, AttributeKey.stringKey("trace.id"), "first");
		put(compact, api, AttributeKey.stringArrayKey("event.type"), List.of("access"));
		put(compact, api, AttributeKey.stringKey("trace.id"), "last");
		put(compact, api, AttributeKey.longKey("tenant"), 7L);
		put(compact, api, AttributeKey.stringKey("tenant"), "acme");
		put(compact, api, AttributeKey.stringKey("a"), "first in order");
		CompactAttributes attributes = compact.build();
		Attributes expected = api.build();
		assertThat(entries(attributes)).containsExactlyElementsOf(entries(expected));
		assertThat(attributes.size()).isEqualTo(expected.size()).isEqualTo(6);
		assertThat(attributes.get(AttributeKey.stringKey("trace.id"))).isEqualTo("last");
		assertThat(attributes.get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
		assertThat(attributes.get(AttributeKey.longKey("tenant"))).isNull();
		assertThat(attributes.get(AttributeKey.stringKey("missing"))).isNull();
		assertThat(attributes).isEqualTo(expected);
		assertThat(attributes.asMap()).isEqualTo(expected.asMap());
		assertThat(attributes.toBuilder().put("added", true).build().size()).isEqualTo(7);
	}

	private static <T> void put(CompactAttributes.Builder compact, AttributesBuilder api, AttributeKey<T> key,
			T value) {
		compact.put(key, value);
		api.put(key, value);
	}

	private static List<String> entries(Attributes attributes) {
		List<String> entries = new ArrayList<>();
		attributes.forEach((key, value) -> entries.add(key.getKey() + ":" + key.getType() + "=" + value));
		return entries;
	}

}
