package io.selfobs.autoconfigure.tracing.internal;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.tracing.CapturingSpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactingSpanExporterTests {

	private static final String MASK = "[REDACTED]";

	private final CapturingSpanExporter finished = new CapturingSpanExporter();

	private final CapturingSpanExporter exported = new CapturingSpanExporter();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.finished))
		.build();

	private final RedactingSpanExporter exporter = new RedactingSpanExporter(this.exported, Redactor.builder().build());

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void spanWithoutSecretsIsPassedOnAsItIs() {
		Span linked = start("linked");
		linked.end();
		Span span = this.tracerProvider.get("test")
			.spanBuilder("GET /items/{id}")
			.addLink(linked.getSpanContext(), Attributes.of(AttributeKey.stringKey("reason"), "retry"))
			.startSpan();
		span.setAttribute("http.route", "/items/{id}");
		span.setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"));
		span.setAttribute("http.response.status_code", 200L);
		span.addEvent("cache miss", Attributes.of(AttributeKey.stringKey("cache"), "items"));
		span.setStatus(StatusCode.ERROR, "item store unavailable");
		span.end();
		SpanData original = this.finished.spans().get(1);
		this.exporter.export(List.of(original));
		assertThat(this.exported.spans()).singleElement().isSameAs(original);
	}

	@Test
	void onlyWhatCarriesASecretIsReplacedAndEverythingElseIsKept() {
		Span linked = start("linked");
		linked.end();
		Span span = this.tracerProvider.get("test")
			.spanBuilder("login")
			.addLink(linked.getSpanContext(), Attributes.of(AttributeKey.stringKey("api_key"), "k-123"))
			.startSpan();
		span.setAttribute("http.route", "/login");
		span.setAttribute("http.response.status_code", 401L);
		span.setAttribute(AttributeKey.stringArrayKey("session.tokens"), List.of("t1", "t2"));
		span.addEvent("clean", Attributes.of(AttributeKey.stringKey("cache"), "users"));
		span.end();
		Span clean = start("clean");
		clean.end();
		this.exporter.export(this.finished.spans());
		SpanData login = this.exported.spans().get(1);
		assertThat(login.getAttributes().asMap()).hasSize(3)
			.containsEntry(AttributeKey.stringKey("http.route"), "/login")
			.containsEntry(AttributeKey.longKey("http.response.status_code"), 401L)
			.containsEntry(AttributeKey.stringArrayKey("session.tokens"), List.of(MASK, MASK));
		assertThat(login.getLinks()).singleElement()
			.satisfies(
					(link) -> assertThat(link.getAttributes().get(AttributeKey.stringKey("api_key"))).isEqualTo(MASK));
		assertThat(login.getEvents()).singleElement().isSameAs(this.finished.spans().get(1).getEvents().get(0));
		assertThat(login.getName()).isEqualTo("login");
		assertThat(login.getSpanContext()).isEqualTo(this.finished.spans().get(1).getSpanContext());
		assertThat(this.exported.spans().get(0)).isSameAs(this.finished.spans().get(0));
		assertThat(this.exported.spans().get(2)).isSameAs(this.finished.spans().get(2));
	}

	private Span start(String name) {
		return this.tracerProvider.get("test").spanBuilder(name).startSpan();
	}

}
