package io.selfobs.autoconfigure.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.test.EcsLogValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console pipeline in a real process whose stdout is a real pipe: nobody reading it
 * does not stop the service from answering, the lines that did not fit are counted in
 * {@code selfobs_log_dropped_total} and reported once stdout is read again; a normal stop
 * (SIGTERM) writes every line logged before it.
 */
class ConsolePipelineTests {

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static final Pattern QUEUE_FULL = Pattern
		.compile("(?m)^selfobs_log_dropped_total\\{[^}]*reason=\"queue_full\"[^}]*\\} ([0-9.eE+]+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@TempDir
	Path directory;

	private Process process;

	@AfterEach
	void stopTheApplication() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aStalledStdoutNeverStallsRequestsAndDropsAreCountedUntilItIsReadAgain() throws Exception {
		int port = start(0, "--otel.logging.console.queue-size=64");
		// stdout is a pipe nobody reads: its buffer is full after a few dozen requests
		int answered = 0;
		for (int i = 0; i < 500; i++) {
			HttpResponse<String> response = get(port, "/hello?name=stalled-" + i);
			if (response.statusCode() == 200 && response.body().equals("hello stalled-" + i)) {
				answered++;
			}
		}
		assertThat(answered).isEqualTo(500);
		assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
		double dropped = queueFullDrops(port);
		assertThat(dropped).isPositive();

		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		CompletableFuture<Void> reader = drain(this.process.getInputStream(), stdout);
		awaitOutput(stdout, "console lines were dropped");
		for (int i = 0; i < 5; i++) {
			assertThat(get(port, "/hello?name=drained-" + i).statusCode()).isEqualTo(200);
		}
		awaitOutput(stdout, "\"url.query\":\"name=drained-4\"");
		assertThat(queueFullDrops(port)).isEqualTo(dropped);

		stop();
		reader.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		List<JsonNode> lines = EcsLogValidator.load().validateLines(stdout.toString(StandardCharsets.UTF_8));
		long accessEvents = lines.stream()
			.filter((line) -> "selfobs.http.access".equals(line.get("log.logger").asString()))
			.count();
		// every request event is either on stdout or counted, none torn
		assertThat(accessEvents).isLessThan(505).isGreaterThanOrEqualTo(5);
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line.get("message").asString()).contains("console lines were dropped"));
	}

	@Test
	void everyLineLoggedBeforeANormalStopReachesStdout() throws Exception {
		int lines = 5_000;
		start(lines);
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		CompletableFuture<Void> reader = drain(this.process.getInputStream(), stdout);
		// SIGTERM, as Kubernetes stops a pod
		stop();
		reader.get(WAIT.toSeconds(), TimeUnit.SECONDS);

		List<JsonNode> written = EcsLogValidator.load().validateLines(stdout.toString(StandardCharsets.UTF_8));
		List<String> numbered = new ArrayList<>();
		written.forEach((line) -> {
			String message = line.get("message").asString();
			if (message.startsWith("numbered line ")) {
				numbered.add(message);
			}
		});
		assertThat(numbered).hasSize(lines).first().isEqualTo("numbered line 0");
		assertThat(numbered.get(lines - 1)).isEqualTo("numbered line " + (lines - 1));
		assertThat(numbered).doesNotHaveDuplicates();
	}

	/**
	 * SIGTERM, as Kubernetes stops a pod ({@link Process#destroy()} would also close our
	 * end of stdout).
	 */
	private void stop() throws InterruptedException {
		assertThat(this.process.toHandle().destroy()).isTrue();
		assertThat(this.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	private int start(int startupLines, String... properties) throws Exception {
		Path portFile = this.directory.resolve("port");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						ConsolePipelineTestApplication.class.getName(), "--server.port=0",
						"--spring.application.name=console-pipeline", "--spring.jmx.enabled=false",
						"--otel.logging.console.format=ecs", "--test.port-file=" + portFile,
						"--test.startup-lines=" + startupLines));
		command.addAll(List.of(properties));
		this.process = new ProcessBuilder(command).redirectError(this.directory.resolve("stderr").toFile()).start();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!Files.exists(portFile)) {
			assertThat(this.process.isAlive()).as("application running").isTrue();
			assertThat(System.nanoTime()).as("application started").isLessThan(deadline);
			Thread.sleep(50);
		}
		return Integer.parseInt(Files.readString(portFile).strip());
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double queueFullDrops(int port) throws IOException, InterruptedException {
		String metrics = get(port, "/metrics").body();
		Matcher matcher = QUEUE_FULL.matcher(metrics);
		assertThat(matcher.find()).as("selfobs_log_dropped_total{reason=\"queue_full\"} in /metrics").isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private static void awaitOutput(ByteArrayOutputStream stdout, String text) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!stdout.toString(StandardCharsets.UTF_8).contains(text)) {
			assertThat(System.nanoTime()).as("stdout shows " + text).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static CompletableFuture<Void> drain(InputStream in, ByteArrayOutputStream into) {
		return CompletableFuture.runAsync(() -> {
			try {
				in.transferTo(into);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
