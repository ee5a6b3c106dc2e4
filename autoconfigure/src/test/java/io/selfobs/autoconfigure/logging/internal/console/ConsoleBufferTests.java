package io.selfobs.autoconfigure.logging.internal.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines reach the console as the JDK encodes them in UTF-8, however long.
 */
class ConsoleBufferTests {

	@Test
	void textIsEncodedAsTheJdkEncodesUtf8() {
		String text = "ascii caf\u00e9 \u4e2d\u6587 \ud83d\ude00 lone \ud83d end \ude00";
		assertThat(written(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void bufferGrowsForALineLargerThanItIs() {
		String text = "\u4e2d".repeat(40_000) + "x".repeat(100_000);
		assertThat(written("start ", text)).isEqualTo(("start " + text).getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] written(String... parts) {
		ConsoleBuffer buffer = new ConsoleBuffer();
		for (String part : parts) {
			buffer.appendUtf8(part);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		buffer.writeTo(out);
		return out.toByteArray();
	}

}
