package io.selfobs.sample.pki.ops;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free port with a generated configuration, queried
 * through its HTTP API. CI installs it; a developer machine without it skips, CI never does.
 */
final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Path log;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PrometheusServer(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	static void assumeInstalled(String command) throws IOException, InterruptedException {
		boolean present = new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(command + " is missing: .ci/run must install the Debian package prometheus");
		}
		Assumptions.assumeTrue(present, command + " not installed (apt-get install prometheus)");
	}

	/**
	 * Start Prometheus.
	 * @param workDir a directory for the configuration, the TSDB and the log
	 * @param config the configuration (YAML)
	 * @return the running server, ready
	 */
	static PrometheusServer start(Path workDir, String config) throws Exception {
		assumeInstalled("prometheus");
		Path configFile = Files.writeString(workDir.resolve("prometheus.yaml"), config);
		Path log = workDir.resolve("prometheus.log");
		int port = freePort();
		Process process = new ProcessBuilder("prometheus", "--config.file=" + configFile,
				"--storage.tsdb.path=" + workDir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
				"--storage.tsdb.retention.time=1h", "--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, log, port);
		server.awaitReady();
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Prometheus exited: " + Files.readString(this.log));
			}
			try {
				if (get("/-/ready").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Prometheus not ready after 60 s: " + Files.readString(this.log));
	}

	/**
	 * An instant query at the current time.
	 * @param promql the expression
	 * @return the parsed API response ({@code status}, {@code data.result} or {@code error})
	 */
	Map<String, Object> query(String promql) throws Exception {
		return OpsKit.map(JSON.readValue(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
			.body(), Map.class));
	}

	/**
	 * The series an instant query returns.
	 * @param promql the expression
	 * @return the result vector (empty when the expression matches nothing)
	 * @throws IllegalStateException if Prometheus rejects the expression
	 */
	List<Object> vector(String promql) throws Exception {
		Map<String, Object> response = query(promql);
		if (!"success".equals(response.get("status"))) {
			throw new IllegalStateException(response.get("errorType") + ": " + response.get("error") + " in " + promql);
		}
		Object result = OpsKit.map(response.get("data")).get("result");
		return (result instanceof List<?>) ? OpsKit.list(result) : List.of(result);
	}

	Map<String, Object> api(String path) throws Exception {
		return OpsKit.map(JSON.readValue(get(path).body(), Map.class));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
