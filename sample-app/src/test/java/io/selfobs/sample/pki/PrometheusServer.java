package io.selfobs.sample.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's {@code prometheus} binary) run by a test: a generated
 * configuration scraping one target, its own data directory, and a port of its own chosen
 * at random; queried over its HTTP API. CI installs it (Debian package
 * {@code prometheus}); a developer machine without it skips, CI never does. Close it to
 * stop the process and delete its data.
 * <p>
 * Reusable by any test of the sample:
 * {@code PrometheusServer.scraping("localhost:" + port, "/metrics")}, then
 * {@link #awaitScrapes(int)} and {@link #query(String)}.
 */
public final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final Path directory;

	private final int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private PrometheusServer(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Start Prometheus scraping one target every second.
	 * @param target {@code host:port} of the scrape endpoint
	 * @param metricsPath the scrape path, e.g. {@code /metrics}
	 * @return the running server, ready to answer queries
	 */
	public static PrometheusServer scraping(String target, String metricsPath) {
		return start("""
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: selfobs-sample-pki
				    metrics_path: %s
				    static_configs:
				      - targets: ['%s']
				""".formatted(metricsPath, target));
	}

	/**
	 * Start Prometheus with a configuration of the caller's.
	 * @param configuration the {@code prometheus.yml} content
	 * @return the running server, ready to answer queries
	 */
	public static PrometheusServer start(String configuration) {
		assumeInstalled("prometheus");
		try {
			Path directory = Files.createTempDirectory("selfobs-prometheus");
			Path config = Files.writeString(directory.resolve("prometheus.yml"), configuration);
			int port = freePort();
			Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
					"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
					"--web.enable-lifecycle")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("prometheus.log").toFile())
				.start();
			PrometheusServer server = new PrometheusServer(process, directory, port);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(server::isReady);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Base URL of the HTTP API and UI.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Wait until every target has been scraped successfully at least this many more
	 * times.
	 * @param scrapes the number of further successful scrapes
	 */
	public void awaitScrapes(int scrapes) {
		double start = successfulScrapes();
		await().atMost(Duration.ofSeconds(30 + 2L * scrapes))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> successfulScrapes() >= start + scrapes);
	}

	/**
	 * Run an instant query.
	 * @param promql the query
	 * @return the {@code data.result} array of the answer
	 */
	public List<JsonNode> query(String promql) {
		JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		if (!"success".equals(answer.path("status").asString())) {
			throw new IllegalStateException("Query failed: " + promql + ": " + answer);
		}
		List<JsonNode> result = new ArrayList<>();
		answer.path("data").path("result").forEach(result::add);
		return result;
	}

	/**
	 * Prometheus' own log, for assertion messages.
	 * @return the log so far
	 */
	public String log() {
		try {
			return Files.readString(this.directory.resolve("prometheus.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless
		}
	}

	private double successfulScrapes() {
		// up is 1 for each successful scrape: add its samples up over the last ten
		// minutes
		List<JsonNode> result = query("sum(sum_over_time(up[10m])) or vector(0)");
		return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asString());
	}

	private boolean isReady() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Prometheus exited: " + log());
		}
		try {
			return this.http
				.send(HttpRequest.newBuilder(url().resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Call the HTTP API.
	 * @param pathAndQuery e.g. {@code /api/v1/rules}
	 * @return the parsed answer
	 */
	public JsonNode api(String pathAndQuery) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).build(),
					HttpResponse.BodyHandlers.ofString());
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Skip the test where a command of Debian's {@code prometheus} package is missing,
	 * except in CI, where {@code .ci/run} installs it and its absence is a failure.
	 * @param command {@code prometheus} or {@code promtool}
	 */
	public static void assumeInstalled(String command) {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		boolean present;
		try {
			present = new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
		}
		catch (IOException ex) {
			present = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			present = false;
		}
		if (!present && ci) {
			throw new IllegalStateException(
					command + " is missing: .ci/run must install the Debian package prometheus");
		}
		Assumptions.assumeTrue(present, command + " not installed (apt-get install prometheus)");
	}

}
