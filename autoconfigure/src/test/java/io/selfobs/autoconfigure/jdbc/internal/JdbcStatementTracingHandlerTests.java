package io.selfobs.autoconfigure.jdbc.internal;

import java.sql.Connection;
import java.sql.Statement;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.selfobs.autoconfigure.jdbc.wrapper.ObservedDataSource;
import io.selfobs.autoconfigure.tracing.CapturingSpanExporter;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span of a statement on a network database, as exported.
 */
class JdbcStatementTracingHandlerTests {

	@Test
	void serverPortIsAnIntegerAttributeAsTheConventionsDefineIt() throws Exception {
		CapturingSpanExporter exported = new CapturingSpanExporter();
		Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exported))
			.build()) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new JdbcStatementTracingHandler(
						new OtelTracer(tracerProvider.get("test"), new OtelCurrentTraceContext(), (event) -> {
						})));
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:spans;DB_CLOSE_DELAY=-1");
			h2.setUser("sa");
			try (Connection connection = new ObservedDataSource(h2, "items", registry, null).getConnection();
					Statement statement = connection.createStatement()) {
				statement.executeQuery("select 1").close();
			}
			SpanData span = exported.spans().get(0);
			assertThat(span.getName()).isEqualTo("query");
			assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(server.getPort());
			assertThat(span.getAttributes().get(AttributeKey.stringKey("server.port"))).isNull();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
		}
		finally {
			server.stop();
		}
	}

}
