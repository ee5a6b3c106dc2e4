package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.selfobs.autoconfigure.logging.CapturingLogRecordExporter;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log records reach an exporter redacted the way spans do: string values and each item of
 * a string array by key, the body as free text, and a clean record as it is.
 */
class RedactingLogRecordExporterTests {

	private static final String MASK = "[REDACTED]";

	private final CapturingLogRecordExporter finished = new CapturingLogRecordExporter();

	private final CapturingLogRecordExporter exported = new CapturingLogRecordExporter();

	private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
		.addLogRecordProcessor(SimpleLogRecordProcessor.create(this.finished))
		.build();

	private final RedactingLogRecordExporter exporter = new RedactingLogRecordExporter(this.exported,
			Redactor.builder().build());

	@AfterEach
	void close() {
		this.loggerProvider.close();
	}

	@Test
	void recordWithoutSecretsIsPassedOnAsItIs() {
		this.loggerProvider.get("test")
			.logRecordBuilder()
			.setBody("GET /items/42 200 (3 ms)")
			.setAttribute(AttributeKey.stringKey("url.path"), "/items/42")
			.setAttribute(AttributeKey.stringArrayKey("event.category"), List.of("web"))
			.setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
			.emit();
		LogRecordData original = this.finished.records().get(0);
		this.exporter.export(List.of(original));
		assertThat(this.exported.records()).singleElement().isSameAs(original);
	}

	@Test
	void stringArrayItemsAreRedactedByKeyAsForSpans() {
		this.loggerProvider.get("test")
			.logRecordBuilder()
			.setBody("login refused for bearer abc123def456")
			.setAttribute(AttributeKey.stringArrayKey("session.tokens"), List.of("t1", "t2"))
			.setAttribute(AttributeKey.stringArrayKey("notes"), List.of("clean", "sent bearer abc123def456"))
			.setAttribute(AttributeKey.stringKey("http.route"), "/login")
			.emit();
		this.exporter.export(this.finished.records());
		LogRecordData login = this.exported.records().get(0);
		assertThat(login.getBodyValue().asString()).isEqualTo("login refused for bearer " + MASK);
		assertThat(login.getAttributes().asMap()).hasSize(3)
			.containsEntry(AttributeKey.stringArrayKey("session.tokens"), List.of(MASK, MASK))
			.containsEntry(AttributeKey.stringArrayKey("notes"), List.of("clean", "sent bearer " + MASK))
			.containsEntry(AttributeKey.stringKey("http.route"), "/login");
	}

}
