package io.selfobs.sample.pki.operator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.sun.net.httpserver.HttpServer;
import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The System Health page and the support bundle on the running sample, while its outbox
 * worker is stalled (the webhook it delivers to never answers) and the outbox backs up:
 * the page in headless Chromium shows what an operator needs and matches
 * {@code /metrics}; the bundle holds every section, stays under its cap and contains none
 * of the secrets planted in configuration, request headers, log messages, exception
 * messages and database rows; both need the operator credentials and neither is served on
 * the public port.
 */
class OperatorFeaturesTests {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String OPERATOR_PASSWORD = "Canary-Operator-Pass-4f1d9c";

	static final Map<String, String> CANARIES = new LinkedHashMap<>();

	static {
		CANARIES.put("operator password (configuration)", OPERATOR_PASSWORD);
		CANARIES.put("operator credentials (Authorization header)",
				Base64.getEncoder().encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		CANARIES.put("database password (configuration)", "CanaryDbPw-8e2b71");
		CANARIES.put("OTLP header (configuration)", "CanaryApiKey-55d0e3");
		CANARIES.put("management header (configuration)", "CanaryMgmtToken-0b7a99");
		CANARIES.put("bearer token (request header)", "CanaryHeaderToken1c2d3e4f5a6b");
		CANARIES.put("api key (request header)", "CanaryXApiKey-77aa01");
		CANARIES.put("access token (query string)", "CanaryQueryToken-9f9f12");
		CANARIES.put("password (log message)", "CanaryLogPw-3b3b55");
		CANARIES.put("token (exception message)", "CanaryExcToken-6e6e88");
		CANARIES.put("CA name (database row)", "CanaryRowName-2a2a44");
	}

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path dataDir;

	static HttpServer webhook;

	static final CountDownLatch releaseWebhook = new CountDownLatch(1);

	static ConfigurableApplicationContext app;

	static int port;

	static int managementPort;

	@BeforeAll
	static void startStalledSample() throws Exception {
		webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		webhook.setExecutor(Executors.newCachedThreadPool());
		webhook.createContext("/events", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			try {
				releaseWebhook.await(10, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		webhook.start();
		app = new SpringApplicationBuilder(PkiApplication.class).run("--server.port=0", "--pki.est.port=0",
				"--pki.data-dir=" + dataDir, "--spring.main.banner-mode=off",
				"--management.otlp.metrics.export.enabled=false",
				"--pki.outbox.webhook-url=http://127.0.0.1:" + webhook.getAddress().getPort() + "/events",
				"--pki.outbox.webhook-timeout=10m", "--otel.workers.stall-thresholds.outbox=2s",
				"--otel.workers.queue-sample-interval=200ms", "--otel.system-health.queue-age-warning=1s",
				"--otel.system-health.queue-age-critical=3s", "--otel.support-bundle.max-size=4MB",
				"--spring.security.user.password=" + OPERATOR_PASSWORD,
				"--spring.datasource.password=" + CANARIES.get("database password (configuration)"),
				"--otel.exporter.otlp.headers.api-key=" + CANARIES.get("OTLP header (configuration)"),
				"--management.otlp.metrics.export.headers.Authorization=Bearer "
						+ CANARIES.get("management header (configuration)"));
		port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		managementPort = app.getEnvironment().getRequiredProperty("local.management.port", Integer.class);

		plantCanariesAndMakeTraffic();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!stalledAndBackedUp(operatorGet(managementPort, "/actuator/systemhealth").body())) {
			assertThat(System.nanoTime()).as("worker stalled and queue backed up within 60 s").isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	private static boolean stalledAndBackedUp(String page) {
		return page.contains("data-worker=\"outbox\" data-state=\"STALLED\"")
				&& page.contains("<tr class=\"bad\" data-queue=\"outbox\"");
	}

	private static void plantCanariesAndMakeTraffic() throws Exception {
		for (int i = 0; i < 6; i++) {
			String csr = Pem.encode(TestPki.csr("operator-" + i, TestPki.ecKey()));
			assertThat(operatorPost("/api/ca/v1/cas/root-ca/certificates/sign",
					"{\"csr\":\"" + csr.replace("\n", "\\n") + "\",\"validityDays\":30}")
				.statusCode()).isEqualTo(201);
		}
		assertThat(operatorPost("/api/ca/v1/cas", "{\"id\":\"bundle-ca\",\"name\":\""
				+ CANARIES.get("CA name (database row)") + "\",\"subject\":\"CN=Bundle Test CA\"}")
			.statusCode()).isEqualTo(201);
		HttpResponse<String> refused = HTTP
			.send(request(port, "/api/ca/v1/cas?access_token=" + CANARIES.get("access token (query string)"))
				.header("Authorization", "Bearer " + CANARIES.get("bearer token (request header)"))
				.header("X-Api-Key", CANARIES.get("api key (request header)"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
		org.slf4j.Logger log = LoggerFactory.getLogger("io.selfobs.sample.pki.upstream");
		log.warn("Upstream login retried with password={}", CANARIES.get("password (log message)"));
		log.error("Upstream call failed", new IllegalStateException(
				"upstream answered 401 for token=" + CANARIES.get("token (exception message)")));
	}

	@AfterAll
	static void stop() {
		releaseWebhook.countDown();
		if (app != null) {
			app.close();
		}
		webhook.stop(0);
	}

	@Test
	void systemHealthPageInABrowserShowsTheStalledWorkerAndTheBackedUpQueueAsOnMetrics() throws Exception {
		assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "Debian chromium is not installed");
		String url = "http://operator:" + OPERATOR_PASSWORD + "@127.0.0.1:" + managementPort + "/actuator/systemhealth";
		String dom = chromium("--dump-dom", url);
		String metrics = get(port, "/metrics").body();
		long depth = gauge(metrics, "selfobs_queue_depth{queue=\"outbox\"}");
		assertThat(depth).isPositive().isEqualTo(gauge(metrics, "outbox_pending_events"));
		assertThat(gauge(metrics, "selfobs_worker_stalled{worker=\"outbox\"}")).isEqualTo(1);

		assertThat(dom).contains("<h1>System health: selfobs-sample-pki</h1>");
		String worker = row(dom, "data-worker=\"outbox\"");
		assertThat(worker).startsWith("<tr class=\"bad\"").contains("STALLED (threshold 2 s)");
		String queue = row(dom, "data-queue=\"outbox\"");
		assertThat(queue).startsWith("<tr class=\"bad\"")
			.contains("BACKED UP")
			.contains("data-depth=\"" + depth + "\"")
			.contains("<td class=\"num\" data-label=\"Depth\">" + depth + "</td>");
		assertThat(row(dom, "data-probe=\"readiness\"")).startsWith("<tr class=\"bad\"").contains("workers (DOWN)");
		assertThat(row(dom, "data-probe=\"liveness\"")).startsWith("<tr class=\"ok\"");
		assertThat(row(dom, "data-signal=\"traces\"")).contains("not exported");

		Path screenshots = Path.of("target", "operator");
		Files.createDirectories(screenshots);
		Path wide = screenshots.resolve("system-health.png").toAbsolutePath();
		Path phone = screenshots.resolve("system-health-phone.png").toAbsolutePath();
		chromium("--screenshot=" + wide, "--window-size=1280,1200", url);
		chromium("--screenshot=" + phone, "--window-size=390,1800", url);
		for (Path png : List.of(wide, phone)) {
			byte[] image = Files.readAllBytes(png);
			assertThat(image).hasSizeGreaterThan(10_000);
			assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
		}
	}

	@Test
	void supportBundleHasEverySectionUnderItsCapAndNoneOfThePlantedSecrets() throws Exception {
		HttpResponse<byte[]> response = HTTP
			.send(request(managementPort, "/actuator/supportbundle").header("Authorization", basic(OPERATOR_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/zip"));
		assertThat(response.body().length).isLessThanOrEqualTo(4 * 1024 * 1024);
		Map<String, String> files = unzip(response.body());
		assertThat(files).containsOnlyKeys("manifest.json", "service.json", "health.json", "telemetry.json",
				"configuration.properties", "jvm.json", "threads.txt", "metrics.prom", "logs.txt");

		String everything = String.join("\n", files.values());
		CANARIES.forEach((where, canary) -> assertThat(everything).as(where).doesNotContain(canary));
		assertThat(everything).as("no certificate or key from the database")
			.doesNotContain("BEGIN CERTIFICATE", "PRIVATE KEY");

		assertThat(files.get("configuration.properties")).contains("spring.security.user.password = [REDACTED]")
			.contains("spring.datasource.password = [REDACTED]")
			.contains("otel.exporter.otlp.headers.api-key = [REDACTED]")
			.contains("spring.application.name = selfobs-sample-pki");
		assertThat(files.get("health.json")).contains("\"readiness\"")
			.contains("\"liveness\"")
			.contains("\"workers\"")
			.contains("\"stalled\"");
		assertThat(files.get("telemetry.json")).contains("\"name\": \"outbox\"").contains("\"state\": \"STALLED\"");
		assertThat(files.get("metrics.prom")).contains("selfobs_queue_depth{queue=\"outbox\"}");
		assertThat(files.get("logs.txt")).contains("Upstream login retried with password=[REDACTED]")
			.contains("java.lang.IllegalStateException: upstream answered 401 for token=[REDACTED]");
		assertThat(files.get("threads.txt")).contains("\"outbox-worker\"");
		assertThat(files.get("manifest.json")).contains("\"configuration.sensitive_key\"")
			.contains("\"logs.secret_in_text\"")
			.contains("\"database contents\"");
	}

	@Test
	void operatorEndpointsNeedCredentialsAndAreNotOnThePublicPort() throws Exception {
		for (String endpoint : List.of("/actuator/supportbundle", "/actuator/systemhealth")) {
			assertThat(get(managementPort, endpoint).statusCode()).as("anonymous " + endpoint).isEqualTo(401);
			assertThat(HTTP
				.send(request(managementPort, endpoint).header("Authorization", basic("wrong")).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("wrong password " + endpoint).isEqualTo(401);
			assertThat(HTTP
				.send(request(port, endpoint).header("Authorization", basic(OPERATOR_PASSWORD)).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("public port " + endpoint).isEqualTo(404);
		}
	}

	@Test
	void scriptSavesTheBundleAndSaysWhere(@TempDir Path out) throws Exception {
		Process script = script(out, OPERATOR_PASSWORD);
		String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(script.exitValue()).as(output).isZero();
		Matcher written = Pattern.compile("Support bundle written to (\\S+\\.zip)").matcher(output);
		assertThat(written.find()).as(output).isTrue();
		assertThat(unzip(Files.readAllBytes(Path.of(written.group(1))))).containsKey("manifest.json");
		assertThat(output).doesNotContain(OPERATOR_PASSWORD);

		Process refused = script(out, "wrong-password");
		String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(refused.exitValue()).isEqualTo(1);
		assertThat(refusal).contains("operator credentials were refused (HTTP 401)");
		try (var files = Files.list(out)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".zip"))).hasSize(1);
		}
	}

	private static Process script(Path out, String password) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash",
				Path.of("scripts/support-bundle.sh").toAbsolutePath().toString())
			.redirectErrorStream(true)
			.directory(out.toFile());
		builder.environment().put("MANAGEMENT_URL", "http://127.0.0.1:" + managementPort + "/actuator");
		builder.environment().put("OPERATOR_PASSWORD", password);
		builder.environment().put("OUT_DIR", out.toString());
		return builder.start();
	}

	private static String chromium(String... arguments) throws Exception {
		Path profile = Files.createTempDirectory("chromium-profile");
		List<String> command = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
		assertThat(process.exitValue()).as("chromium exit status").isZero();
		return new String(output, StandardCharsets.UTF_8);
	}

	private static String row(String dom, String marker) {
		int at = dom.indexOf(marker);
		assertThat(at).as(marker + " on the page").isPositive();
		int start = dom.lastIndexOf("<tr", at);
		return dom.substring(start, dom.indexOf("</tr>", at) + 5);
	}

	private static long gauge(String scrape, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
		assertThat(matcher.find()).as(series + " in the scrape").isTrue();
		return (long) Double.parseDouble(matcher.group(1));
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

	private static String basic(String password) {
		return "Basic " + Base64.getEncoder().encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HTTP.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> operatorGet(int port, String path) throws Exception {
		return HTTP.send(request(port, path).header("Authorization", basic(OPERATOR_PASSWORD)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> operatorPost(String path, String json) throws Exception {
		return HTTP.send(request(port, path).header("Authorization", basic(OPERATOR_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
