package io.selfobs.autoconfigure.tracing;

import java.net.http.HttpResponse;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code otel.traces.enabled=false} stops export only: even with a destination configured
 * (for selfobs and for Spring Boot's own exporter) nothing exports, yet the trace still
 * crosses HTTP and logs still carry its id.
 */
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.sql.init.schema-locations=classpath:tracing/schema.sql", "otel.traces.enabled=false",
				"otel.traces.endpoint=http://127.0.0.1:9", "otel.exporter.otlp.endpoint=http://127.0.0.1:9",
				"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces" })
class TracingExportDisabledTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void noExporterButTheCapturingOneExists() {
		assertThat(this.context.getBeansOfType(SpanExporter.class)).containsOnlyKeys("capturingSpanExporter");
	}

	@Test
	void traceparentIsStillPropagatedDownstreamAndLogsStillCarryTheTraceId() {
		ListAppender<ILoggingEvent> logs = TracingTestSupport.captureLogs();
		HttpResponse<String> response;
		try {
			response = get(this.port, "/api/chain/7");
		}
		finally {
			TracingTestSupport.stopCapturing(logs);
		}
		assertThat(response.statusCode()).isEqualTo(200);
		String traceparent = response.body().replaceAll(".*\"traceparent\":\"([^\"]+)\".*", "$1");
		// sampled; OpenTelemetry 1.62 and later also set the W3C random-trace-id flag
		// (03)
		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]");
		String traceId = traceparent.substring(3, 35);
		assertThat(traceId).isNotEqualTo("0".repeat(32));
		assertThat(TracingTestSupport.mdcOfFirst(logs)).containsEntry("trace.id", traceId).containsKey("span.id");
	}

}
