package io.selfobs.autoconfigure.redaction.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyPatternsTests {

	private final KeyPatterns patterns = new KeyPatterns(List.of("code", "*token", "user*", "*session*", "*sesame"));

	@Test
	void exactMatchesTheWholeKeyOnly() {
		assertThat(this.patterns.matches("Code")).isTrue();
		assertThat(this.patterns.matches("status_code")).isFalse();
		assertThat(this.patterns.matches("codes")).isFalse();
	}

	@Test
	void suffixMatchesTheEnd() {
		assertThat(this.patterns.matches("X-Auth-Token")).isTrue();
		assertThat(this.patterns.matches("tokenizer")).isFalse();
	}

	@Test
	void prefixMatchesTheStart() {
		assertThat(this.patterns.matches("user.name")).isTrue();
		assertThat(this.patterns.matches("enduser")).isFalse();
	}

	@Test
	void substringMatchesAnywhereIncludingAfterAPartialMatch() {
		assertThat(this.patterns.matches("JSESSIONID")).isTrue();
		assertThat(this.patterns.matches("sesession")).isTrue();
		assertThat(this.patterns.matches("open-sesame")).isTrue();
		assertThat(this.patterns.matches("sessio")).isFalse();
	}

	@Test
	void separatorsAndCaseAreIgnoredOnBothSides() {
		KeyPatterns dotted = new KeyPatterns(List.of("user.e-mail"));
		assertThat(dotted.matches("USER_EMAIL")).isTrue();
		assertThat(dotted.matches("userEmail")).isTrue();
	}

	@Test
	void noPatternsMatchNothing() {
		assertThat(new KeyPatterns(List.of()).matches("password")).isFalse();
	}

	@Test
	void wildcardInTheMiddleIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyPatterns(List.of("a*b")));
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyPatterns(List.of("")));
	}

}
