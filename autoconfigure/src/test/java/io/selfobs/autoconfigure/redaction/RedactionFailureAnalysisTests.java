package io.selfobs.autoconfigure.redaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What an operator sees on the console when an {@code otel.redaction.*} property is
 * unusable: the property, the value (unless it is a secret) and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedactionFailureAnalysisTests {

	@Test
	void invalidRegularExpressionIsExplained(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--otel.redaction.value-patterns[0]=pin=(\\d+"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'pin=(\\d+' for property 'otel.redaction.value-patterns[0]'")
			.contains("not a valid regular expression: Unclosed group")
			.contains("Fix the regular expression in 'otel.redaction.value-patterns[0]'");
	}

	@Test
	void tooShortHmacKeyIsExplainedWithoutShowingIt(CapturedOutput output) {
		String shortKey = "cnryShortHmacKey";
		assertThatException()
			.isThrownBy(() -> run("--otel.redaction.replacement=hmac", "--otel.redaction.hmac-key=" + shortKey));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value (not shown, 16 bytes) for property 'otel.redaction.hmac-key'")
			.contains("Set otel.redaction.hmac-key to a random secret of at least 32 characters")
			.doesNotContain(shortKey);
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(FailingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FailingApplication {

	}

}
