package io.selfobs.autoconfigure.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every canary of {@link RedactionCanaries} is removed by the engine, in both replacement
 * modes, and ordinary text is left intact.
 */
class RedactionCanaryCorpusTests {

	private static final Redactor MASKING = Redactor.builder().build();

	private static final Redactor HASHING = Redactor.builder()
		.hmacKey(RedactionCanaries.HMAC_KEY.getBytes(StandardCharsets.UTF_8))
		.build();

	@Test
	void everyCanaryInFreeTextIsRemoved() {
		for (Redactor redactor : new Redactor[] { MASKING, HASHING }) {
			for (Map.Entry<String, String> line : RedactionCanaries.freeText().entrySet()) {
				String redacted = redactor.redact(line.getValue());
				assertThat(RedactionCanaries.leakedIn(redacted)).as("%s: %s", line.getKey(), redacted).isEmpty();
			}
		}
	}

	@Test
	void cardNumberKeepsItsLastFourDigits() {
		assertThat(MASKING.redact(RedactionCanaries.freeText().get("card number"))).contains("************4242");
	}

	@Test
	void everyCanaryInHeadersQueryAndUrlIsRemoved() {
		Map<String, String> headers = RedactionCanaries.requestHeaders();
		headers.forEach((name,
				value) -> assertThat(RedactionCanaries.leakedIn(MASKING.redactValue(name, value))).as(name).isEmpty());
		Redactor allowingEverything = Redactor.builder().allowedHeaders(headers.keySet()).build();
		assertThat(RedactionCanaries.leakedIn(allowingEverything.allowedHeaders(headers).toString())).isEmpty();
		assertThat(RedactionCanaries.leakedIn(MASKING.redactUrl(RedactionCanaries.requestUrl()))).isEmpty();
	}

	@Test
	void ordinaryTextIsIntact() {
		for (String line : RedactionCanaries.nonSecrets()) {
			assertThat(MASKING.redact(line)).as(line).isEqualTo(line);
			assertThat(HASHING.redact(line)).as(line).isEqualTo(line);
		}
	}

	@Test
	void canariesAreDetectableSoTheCorpusCanFail() {
		String everything = String.join("\n", RedactionCanaries.freeText().values());
		assertThat(RedactionCanaries.leakedIn(everything)).containsAll(RedactionCanaries.secrets()
			.stream()
			// the HMAC key is a configuration canary; the basic password only appears
			// encoded
			.filter((secret) -> !secret.equals(RedactionCanaries.HMAC_KEY)
					&& !secret.equals(RedactionCanaries.BASIC_PASSWORD))
			.toList());
	}

}
