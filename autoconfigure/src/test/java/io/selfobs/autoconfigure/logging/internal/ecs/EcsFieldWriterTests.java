package io.selfobs.autoconfigure.logging.internal.ecs;

import java.util.List;

import co.elastic.logging.JsonUtils;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text values are written as JSON exactly as the ecs-logging encoder quotes them, whether
 * they need escaping or take the bulk-copy path.
 */
class EcsFieldWriterTests {

	@Test
	void everyCharacterIsQuotedAsTheEcsEncoderQuotesIt() {
		StringBuilder text = new StringBuilder();
		for (char c = 0; c < 0x100; c++) {
			text.setLength(0);
			assertSameQuoting(text.append("a").append(c).append("b").toString());
		}
		for (String value : List.of("", "plain ASCII /path?q=1", "caf\u00e9", "\u4e2d\u6587", "\ud83d\ude00 smile",
				"lone \ud83d surrogate", "line\u2028separator", "tab\tand\nnewline", "quote \" and \\ backslash")) {
			assertSameQuoting(value);
		}
	}

	private static void assertSameQuoting(String value) {
		StringBuilder json = new StringBuilder();
		new EcsFieldWriter(json, Redactor.builder().build(), EcsFieldNames.of(List.of())).plain("k", value);
		StringBuilder expected = new StringBuilder("\"k\":\"");
		JsonUtils.quoteAsString(value, expected);
		assertThat(json).as("quoting of %s", value).hasToString(expected.append("\",").toString());
		assertThat(EcsFieldWriter.needsEscaping(value)).isEqualTo(!expected.substring(5).equals(value + "\","));
	}

}
