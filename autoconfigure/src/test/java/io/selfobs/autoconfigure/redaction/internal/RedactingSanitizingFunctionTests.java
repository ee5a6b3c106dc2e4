package io.selfobs.autoconfigure.redaction.internal;

import io.selfobs.autoconfigure.redaction.Redactor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

class RedactingSanitizingFunctionTests {

	private final RedactingSanitizingFunction function = new RedactingSanitizingFunction(Redactor.builder().build());

	private final RedactingSanitizingFunction withRedactionOff = new RedactingSanitizingFunction(Redactor.none());

	@ParameterizedTest
	@ValueSource(strings = { "otel.exporter.otlp.headers.x-tenant", "otel.exporter.otlp.headers",
			"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
			"otel.exporter.otlp.metrics.headers[X-Scope-OrgID]", "otel.exporter.otlp.basicAuth.password",
			"otel.exporter.otlp.bearer-token", "otel.exporter.otlp.client-key", "OTEL_EXPORTER_OTLP_CLIENT_KEY",
			"otel.exporter.otlp.tls.key-path", "otel.redaction.hmac-key", "otel.redaction.hmacKey",
			"OTEL_REDACTION_HMAC_KEY" })
	void otelCredentialsAreMaskedEvenWithRedactionOff(String key) {
		assertThat(sanitize(this.withRedactionOff, key, "value")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "otel.service.name", "otel.exporter.otlp.endpoint", "otel.exporter.otlp.certificate",
			"otel.redaction.denied-tag-keys[0]", "otel.redaction.allowed-headers", "otel.redaction.sensitive-keys",
			"OTEL_RESOURCE_ATTRIBUTES", "server.port" })
	void ordinaryPropertiesStayReadable(String key) {
		assertThat(sanitize(this.function, key, "value")).isEqualTo("value");
	}

	@ParameterizedTest
	@ValueSource(strings = { "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", "app.api-key",
			"app.clients[0].client-secret" })
	void sensitiveKeysAreMasked(String key) {
		assertThat(sanitize(this.function, key, "value")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "app.url", "JAVA_TOOL_OPTIONS" })
	void secretsInsideOtherValuesAreRedacted(String key) {
		assertThat(sanitize(this.function, key, "-Dx=https://u:p4ss@h/ -Dtoken=abc"))
			.isEqualTo("-Dx=https://[REDACTED]:[REDACTED]@h/ -Dtoken=[REDACTED]");
	}

	private static Object sanitize(RedactingSanitizingFunction function, String key, Object value) {
		return function.apply(new SanitizableData(null, key, value)).getValue();
	}

}
