package io.selfobs.autoconfigure.logging;

import java.util.List;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.redaction.RedactorCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application that logs the way services do: domain key/values, MDC, markers,
 * failures.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
class LoggingTestApplication {

	static final Logger logger = LoggerFactory.getLogger("io.selfobs.test.Certificates");

	private static final Marker AUDIT = MarkerFactory.getMarker("audit");

	private static final Marker PKI = MarkerFactory.getMarker("pki");

	@GetMapping("/hello")
	String hello(@RequestParam String name) {
		MDC.put("tenant", "acme");
		MDC.put("service.name", "spoofed-by-mdc");
		MDC.put("note", "mdc carries secret-mdc");
		try {
			logger.atInfo()
				.addMarker(AUDIT)
				.addMarker(PKI)
				.addKeyValue("ca_id", "replaced by the later pair")
				.addKeyValue("ca_id", "ca-1")
				.addKeyValue("duration_ms", 42)
				.addKeyValue("ratio", 0.5)
				.addKeyValue("approved", true)
				.addKeyValue("subject_cn", "cn-secret-subject")
				.addKeyValue("message", "a key/value may not replace the message")
				.addKeyValue("tenant", "kv-wins-over-mdc")
				.log("Certificate issued for {} with secret-in-message", name);
		}
		finally {
			MDC.remove("tenant");
			MDC.remove("service.name");
			MDC.remove("note");
		}
		return "hello " + name;
	}

	@PostMapping("/echo")
	String echo(@RequestBody String body) {
		return body;
	}

	@GetMapping("/boom")
	String boom() {
		throw new IllegalStateException("boom carrying secret-exception");
	}

	/**
	 * Adds the word "secret..." to what the engine masks, to prove every sink asks the
	 * {@link Redactor}.
	 */
	@Bean
	RedactorCustomizer secretWordRedaction() {
		return (builder) -> builder.valuePatterns(List.of(Pattern.compile("secret[\\w-]*")));
	}

}
