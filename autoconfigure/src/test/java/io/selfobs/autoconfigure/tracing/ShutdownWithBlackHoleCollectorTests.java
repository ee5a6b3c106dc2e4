package io.selfobs.autoconfigure.tracing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.selfobs.autoconfigure.tracing.TracingTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM while the collector is a black hole (accepts, never answers) and export
 * requests may each take 30 s: the service still exits within its shutdown budget
 * ({@code otel.exporter.otlp.shutdown-timeout}) plus the time a JVM needs to stop, with
 * traces, logs and metrics (one last push at shutdown) all stuck on the collector.
 */
class ShutdownWithBlackHoleCollectorTests {

	private static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(2);

	/**
	 * Generous for stopping Tomcat, the context and the JVM on a loaded machine; far
	 * below what the stuck exports alone would take (30 s each) without the budget.
	 */
	private static final Duration EXIT_CAP = SHUTDOWN_BUDGET.plusSeconds(20);

	private final OtlpReceiver receiver = OtlpReceiver.start();

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process child;

	@AfterEach
	void cleanUp() {
		if (this.child != null && this.child.isAlive()) {
			this.child.destroyForcibly();
		}
		this.receiver.close();
	}

	@Test
	void sigtermExitsWithinTheShutdownBudgetWhateverTheCollectorDoes() throws Exception {
		this.receiver.blackHole();
		this.child = start("--otel.traces.endpoint=" + this.receiver.grpcEndpoint(), "--otel.traces.protocol=grpc",
				"--otel.logging.endpoint=" + this.receiver.httpEndpoint(),
				"--otel.metrics.endpoint=" + this.receiver.grpcEndpoint(), "--otel.metrics.protocol=grpc",
				"--otel.exporter.otlp.timeout=30s",
				"--otel.exporter.otlp.shutdown-timeout=" + SHUTDOWN_BUDGET.toSeconds() + "s",
				"--otel.traces.export.schedule-delay=100ms", "--otel.logging.export.schedule-delay=100ms");
		int port = awaitPort();
		for (int i = 0; i < 20; i++) {
			assertThat(get(port, "/api/items/7").statusCode()).isEqualTo(200);
		}
		// spans and log records are stuck in requests the collector never answers
		await().atMost(Duration.ofSeconds(60)).until(() -> this.receiver.heldRequests() >= 2);
		this.child.destroy();
		boolean exited = this.child.waitFor(EXIT_CAP.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(exited).as("exited within %s of SIGTERM; last output: %s", EXIT_CAP, tail()).isTrue();
	}

	private Process start(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						ShutdownTestApplication.class.getName(), "--server.port=0",
						"--spring.sql.init.schema-locations=classpath:tracing/schema.sql"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture.runAsync(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					this.output.add(line);
				}
			}
			catch (IOException ex) {
				// the child is gone
			}
		});
		return process;
	}

	private int awaitPort() {
		String line = await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.output.stream()
				.filter((l) -> l.startsWith(ShutdownTestApplication.PORT_LINE))
				.findFirst(), java.util.Optional::isPresent)
			.get();
		return Integer.parseInt(line.substring(ShutdownTestApplication.PORT_LINE.length()).trim());
	}

	private String tail() {
		int size = this.output.size();
		return String.join("\n", this.output.subList(Math.max(0, size - 15), size));
	}

}
