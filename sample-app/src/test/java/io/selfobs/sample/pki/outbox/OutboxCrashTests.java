package io.selfobs.sample.pki.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample in a child JVM, killed with SIGKILL while a webhook delivery is in flight
 * (the receiver has the event, the sample has not committed), then restarted on the same
 * H2 file: no event is lost, only the in-flight event is delivered a second time, with
 * the same {@code Idempotency-Key}, and the first scrape after the restart already shows
 * the real backlog while the worker's first cycle is still running.
 */
class OutboxCrashTests {

	private static final int EVENTS = 10;

	private static final int ACCEPTED_BEFORE_CRASH = 4;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void killDuringDeliveryRedeliversOnlyTheInFlightEventAndTheBacklogIsRightFromTheFirstScrape() throws Exception {
		try (HoldingWebhook webhook = new HoldingWebhook()) {
			webhook.holdAfter(ACCEPTED_BEFORE_CRASH);
			String inFlight;
			Child first = Child.start(this.dataDir, webhook.url(), "first");
			try {
				first.awaitReady();
				for (int i = 0; i < EVENTS; i++) {
					first.sign("crash-" + i);
				}
				inFlight = webhook.awaitHeld();
			}
			finally {
				first.kill();
			}
			assertThat(webhook.received()).hasSize(ACCEPTED_BEFORE_CRASH + 1).endsWith(inFlight);
			assertThat(webhookEventIds(this.dataDir))
				.as("each acknowledged delivery committed on its own, before the next")
				.containsExactlyInAnyOrderElementsOf(webhook.received().subList(0, ACCEPTED_BEFORE_CRASH));

			long pending = pendingRows(this.dataDir);
			assertThat(pending).as("the in-flight delivery and the later events are still pending")
				.isGreaterThan(EVENTS - ACCEPTED_BEFORE_CRASH - 1);

			webhook.holdAfter(0);
			Child second = Child.start(this.dataDir, webhook.url(), "second");
			try {
				// The very first scrape the restarted sample answers, before it is ready,
				// shows the backlog
				String firstScrape = second.awaitFirstScrape();
				assertThat(gauge(firstScrape, "outbox_pending_events")).isEqualTo(pending);
				assertThat(gauge(firstScrape, "selfobs_queue_depth{queue=\"outbox\"}")).isEqualTo(pending);
				second.awaitReady();
				assertThat(webhook.awaitHeld()).as("the redelivery comes first, with the same idempotency key")
					.isEqualTo(inFlight);
				// The worker's first cycle is still running: a scrape now shows the
				// backlog, not zero
				String scrape = second.scrape();
				assertThat(gauge(scrape, "outbox_pending_events")).isEqualTo(pending);
				assertThat(gauge(scrape, "selfobs_queue_depth{queue=\"outbox\"}")).isEqualTo(pending);

				webhook.release();
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (gauge(second.scrape(), "outbox_pending_events") > 0) {
					assertThat(System.nanoTime()).as("backlog drained within 60 s").isLessThan(deadline);
					Thread.sleep(200);
				}
			}
			finally {
				second.stop();
			}

			assertThat(statusCounts(this.dataDir)).as("every committed event delivered to both sinks")
				.isEqualTo(Map.of("DELIVERED", 2L * EVENTS));
			List<String> webhookEvents = webhookEventIds(this.dataDir);
			assertThat(webhookEvents).hasSize(EVENTS);
			assertThat(pendingRows(this.dataDir)).isZero();
			Map<String, Long> deliveries = webhook.received()
				.stream()
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			assertThat(deliveries).as("no event lost").containsOnlyKeys(webhookEvents);
			Map<String, Long> duplicates = deliveries.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() > 1)
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			assertThat(duplicates).as("only the in-flight event is delivered twice").isEqualTo(Map.of(inFlight, 2L));
		}
	}

	private static long gauge(String scrape, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
		assertThat(matcher.find()).as(series + " in the scrape").isTrue();
		return (long) Double.parseDouble(matcher.group(1));
	}

	private static Connection database(Path dataDir) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("pki") + ";MODE=Regular;WRITE_DELAY=0",
				"sa", "");
	}

	private static long pendingRows(Path dataDir) throws SQLException {
		try (Connection connection = database(dataDir);
				ResultSet rows = connection.createStatement()
					.executeQuery("select count(*) from outbox_event where status = 'PENDING'")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static Map<String, Long> statusCounts(Path dataDir) throws SQLException {
		Map<String, Long> counts = new java.util.TreeMap<>();
		try (Connection connection = database(dataDir);
				ResultSet rows = connection.createStatement()
					.executeQuery("select status, count(*) from outbox_event group by status")) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		return counts;
	}

	private static List<String> webhookEventIds(Path dataDir) throws SQLException {
		List<String> ids = new ArrayList<>();
		try (Connection connection = database(dataDir);
				ResultSet rows = connection.createStatement()
					.executeQuery(
							"select event_id from outbox_event where sink = 'webhook' and status = 'DELIVERED'")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The sample application in its own JVM, on the test's class path, output to a file.
	 */
	private record Child(Process process, int port, Path log) {

		static Child start(Path dataDir, String webhookUrl, String name) throws IOException {
			int port = freePort();
			Path log = dataDir.resolve(name + ".log");
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
					System.getProperty("java.class.path"), PkiApplication.class.getName(), "--server.port=" + port,
					"--pki.est.port=0", "--management.server.port=0", "--pki.data-dir=" + dataDir,
					"--pki.outbox.webhook-url=" + webhookUrl, "--pki.outbox.webhook-timeout=5m",
					"--pki.outbox.poll-interval=50ms", "--otel.workers.queue-sample-interval=200ms",
					"--management.otlp.metrics.export.enabled=false", "--spring.main.banner-mode=off");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new Child(process, port, log);
		}

		void awaitReady() throws Exception {
			awaitOk("/readyz", "ready");
		}

		String awaitFirstScrape() throws Exception {
			return awaitOk("/metrics", "scraped");
		}

		/**
		 * The body of the first 200 the path answers.
		 */
		private String awaitOk(String path, String what) throws Exception {
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (true) {
				assertThat(this.process.isAlive()).as("sample running; its output: %s", tail()).isTrue();
				assertThat(System.nanoTime()).as("sample %s within 120 s; its output: %s", what, tail())
					.isLessThan(deadline);
				try {
					HttpResponse<String> response = get(path);
					if (response.statusCode() == 200) {
						return response.body();
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(50);
			}
		}

		void sign(String commonName) throws Exception {
			String csr = Pem.encode(TestPki.csr(commonName, TestPki.ecKey()));
			String body = "{\"csr\":\"" + csr.replace("\n", "\\n") + "\",\"validityDays\":30}";
			HttpResponse<String> response = HTTP
				.send(request("/api/ca/v1/cas/root-ca/certificates/sign").header("Content-Type", "application/json")
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("operator:demo-operator-password".getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		}

		String scrape() throws Exception {
			HttpResponse<String> response = get("/metrics");
			assertThat(response.statusCode()).isEqualTo(200);
			return response.body();
		}

		private HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(30));
		}

		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}

		void stop() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				kill();
			}
		}

		private String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "(no output)";
			}
		}

	}

	/**
	 * A webhook receiver that records every Idempotency-Key it is sent, accepts a number
	 * of deliveries and then holds the next one open (no response) until released: a
	 * delivery the receiver has but the sender never saw acknowledged.
	 */
	static final class HoldingWebhook implements AutoCloseable {

		private final HttpServer server;

		private final List<String> received = Collections.synchronizedList(new ArrayList<>());

		private final AtomicInteger acceptBeforeHold = new AtomicInteger(Integer.MAX_VALUE);

		private volatile CountDownLatch held = new CountDownLatch(1);

		private volatile CountDownLatch release = new CountDownLatch(1);

		private volatile String heldKey;

		HoldingWebhook() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			this.server.createContext("/events", this::handle);
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/events";
		}

		List<String> received() {
			synchronized (this.received) {
				return new ArrayList<>(this.received);
			}
		}

		void holdAfter(int accepted) {
			this.held = new CountDownLatch(1);
			this.release = new CountDownLatch(1);
			this.acceptBeforeHold.set(accepted);
		}

		String awaitHeld() throws InterruptedException {
			assertThat(this.held.await(90, TimeUnit.SECONDS)).as("a delivery reached the webhook and is held").isTrue();
			return this.heldKey;
		}

		void release() {
			this.acceptBeforeHold.set(Integer.MAX_VALUE);
			this.release.countDown();
		}

		private void handle(HttpExchange exchange) throws IOException {
			exchange.getRequestBody().readAllBytes();
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			this.received.add(key);
			if (this.acceptBeforeHold.getAndDecrement() <= 0) {
				this.heldKey = key;
				this.held.countDown();
				try {
					this.release.await(5, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			try {
				exchange.sendResponseHeaders(204, -1);
			}
			catch (IOException ex) {
				// the sender died while we held the request
			}
			exchange.close();
		}

		@Override
		public void close() {
			this.release.countDown();
			this.server.stop(0);
		}

	}

}
