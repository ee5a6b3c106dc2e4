package io.selfobs.autoconfigure.tracing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that accepts connections but never answers holds the exporter up: requests
 * still succeed at once, and the spans beyond the small queue are dropped and counted
 * rather than piling up in memory.
 */
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.sql.init.schema-locations=classpath:tracing/schema.sql",
				"otel.traces.export.max-queue-size=4", "otel.traces.export.max-batch-size=2",
				"otel.traces.export.shutdown-timeout=1s", "otel.traces.timeout=60s" })
class TracingCollectorUnreachableTests {

	private static final int REQUESTS = 20;

	private static final ServerSocket silentCollector = listen();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("otel.traces.endpoint", () -> "http://127.0.0.1:" + silentCollector.getLocalPort());
	}

	@AfterAll
	static void closeCollector() throws IOException {
		silentCollector.close();
	}

	@Test
	void requestsSucceedAndSpansBeyondTheQueueAreDroppedAndCounted() {
		for (int i = 0; i < REQUESTS; i++) {
			assertThat(get(this.port, "/api/items/7").statusCode()).isEqualTo(200);
		}
		// each request makes at least a server, an observation and a query span; the
		// queue holds 4, a batch 2
		long atLeastDropped = 3L * REQUESTS - 4 - 2;
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Counter dropped = this.meters.find("selfobs.export.dropped")
				.tags("signal", "traces", "reason", "queue_full")
				.counter();
			assertThat(dropped).isNotNull();
			assertThat(dropped.count()).isGreaterThanOrEqualTo(atLeastDropped);
		});
	}

	/**
	 * A listening socket nobody accepts on: the kernel completes connections into the
	 * backlog, so the exporter connects, sends and then waits for an answer that never
	 * comes.
	 */
	private static ServerSocket listen() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
