package io.selfobs.sample.pki.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.sample.pki.PrometheusServer;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.est.server.EstServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator kit against the real thing: the sample on random ports, scraped every
 * second by a real Prometheus that loads the kit's rule files, driven by
 * {@code scripts/demo-traffic.sh}, then pushed into the failures the alerts are about (a
 * CA key the crypto engine cannot open, an exhausted connection pool, a collector
 * refusing telemetry). Every panel query of every dashboard, every template variable and
 * every rule expression is then evaluated through Prometheus' HTTP API: no parse error
 * anywhere, every panel returns data, the panels listed in {@link #ONLY_WITH_AN_ERROR}
 * are empty before the failures and return data after them, and the alerts the failures
 * stand for are pending or firing in Prometheus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pki.est.port=0", "pki.outbox.poll-interval=100ms", "pki.inventory.refresh-interval=1s",
				"management.otlp.metrics.export.enabled=false", "spring.datasource.hikari.maximum-pool-size=3",
				"spring.datasource.hikari.connection-timeout=400", "otel.metrics.interval-in-millis=1000",
				"otel.traces.export.schedule-delay=200ms", "otel.logging.export.schedule-delay=200ms",
				"otel.health.metrics.interval=1s" })
class DashboardsAndRulesOnPrometheusTests {

	static final String JOB = "selfobs-sample-pki";

	/**
	 * Panels that show data only while something fails; each is proven by a failure this
	 * test induces.
	 */
	static final Set<String> ONLY_WITH_AN_ERROR = Set.of("Service health / 5xx rate by route",
			"Service health / Errors by type", "Service health / Failed exports by reason",
			"Service health / Dropped telemetry by reason");

	/**
	 * Alerts the induced failures must raise (pending or firing: the `for` clauses are
	 * minutes long).
	 */
	static final Set<String> RAISED_BY_THE_FAILURES = Set.of("CryptoEngineFailure", "DatabasePoolExhausted",
			"SelfobsExportFailing", "SelfobsTelemetryDropped", "EstEnrollmentErrorBudgetBurn");

	static final Path DATA_DIR = OpsKitTestSupport.tempDir("selfobs-ops-it");

	static final OtlpReceiver RECEIVER = OtlpReceiver.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("pki.data-dir", DATA_DIR::toString);
		registry.add("otel.exporter.otlp.endpoint", RECEIVER::httpEndpoint);
	}

	@AfterAll
	static void stopReceiver() {
		RECEIVER.close();
	}

	@LocalServerPort
	int httpPort;

	@Autowired
	EstServer estServer;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path work;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyPanelAndRuleEvaluatesOnARealPrometheusScrapingTheSample() throws Exception {
		try (PrometheusServer prometheus = PrometheusServer.start(prometheusConfig())) {
			runDemoTraffic();
			// A JVM that has not collected yet has no GC pause series: collect once so
			// the GC panel has one to show
			System.gc();
			prometheus.awaitScrapes(3);
			Map<String, Integer> beforeFailures = evaluatePanels(prometheus);
			assertThat(withoutData(beforeFailures)).as("panels without data after the demo traffic")
				.containsExactlyInAnyOrderElementsOf(ONLY_WITH_AN_ERROR);

			failCryptoEngine();
			exhaustConnectionPool();
			refuseTelemetry();
			prometheus.awaitScrapes(3);

			Map<String, Integer> afterFailures = evaluatePanels(prometheus);
			assertThat(withoutData(afterFailures)).as("panels without data after the induced failures").isEmpty();
			assertVariablesResolve(prometheus);
			assertRulesEvaluate(prometheus);
			assertAlertsRaised(prometheus);
		}
	}

	private String prometheusConfig() {
		String rules = OpsKit.ruleFiles().stream().map((file) -> "  - " + file).collect(Collectors.joining("\n"));
		return """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				rule_files:
				%s
				scrape_configs:
				  - job_name: %s
				    metrics_path: /metrics
				    static_configs:
				      - targets: ["127.0.0.1:%d"]
				        labels:
				          service: %s
				""".formatted(rules, JOB, this.httpPort, JOB);
	}

	private void runDemoTraffic() throws Exception {
		PrometheusServer.assumeInstalled("openssl");
		ProcessBuilder builder = new ProcessBuilder("bash",
				Path.of("scripts/demo-traffic.sh").toAbsolutePath().toString())
			.directory(this.work.toFile())
			.redirectErrorStream(true);
		builder.environment()
			.putAll(Map.of("EST_URL", "https://localhost:" + this.estServer.port(), "API_URL",
					"http://localhost:" + this.httpPort, "TRUST_ANCHOR",
					DATA_DIR.resolve("tls/est-tls-ca.crt").toString(), "DURATION", "120", "MAX_REQUESTS", "16", "PAUSE",
					"0"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		System.out.println("demo-traffic.sh: " + output);
		assertThat(output).contains("enroll 200")
			.contains("reenroll 200")
			.contains("revoke 200")
			.contains("refused 401");
	}

	/**
	 * A CA whose stored key reference the crypto engine cannot open: signing with it
	 * fails in the engine.
	 */
	private void failCryptoEngine() throws Exception {
		HttpResponse<String> created = operator("POST", "/api/ca/v1/cas",
				"{\"id\":\"ops-broken-ca\",\"name\":\"Broken\",\"subject\":\"CN=Broken CA\",\"validityDays\":30}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		this.jdbc.sql("update ca set private_key_ref = 'unreadable' where id = 'ops-broken-ca'").update();
		String csr = OpsKitTestSupport.json(OpsKitTestSupport.csrPem("ops-victim"));
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> signed = operator("POST", "/api/ca/v1/cas/ops-broken-ca/certificates/sign",
					"{\"csr\":" + csr + "}");
			assertThat(signed.statusCode()).as(signed.body()).isGreaterThanOrEqualTo(500);
		}
	}

	/**
	 * Hold every pooled connection for a few scrapes while devices keep enrolling: they
	 * wait, time out and get 500; readiness reports DOWN meanwhile.
	 */
	private void exhaustConnectionPool() throws Exception {
		HttpClient est = TestPki.https(DATA_DIR, null);
		String csr = TestPki.base64(TestPki.csr("ops-starved", TestPki.ecKey()));
		String url = "https://localhost:" + this.estServer.port() + "/.well-known/est/demo/simpleenroll";
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				held.add(this.dataSource.getConnection());
			}
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
			int refused = 0;
			while (System.nanoTime() < until) {
				HttpResponse<String> response = TestPki.post(est, url, "application/pkcs10", csr);
				refused += (response.statusCode() == 500) ? 1 : 0;
			}
			assertThat(refused).as("enrolments refused while the pool is exhausted").isPositive();
			assertThat(get("/readyz").statusCode()).as("readiness while the pool is exhausted").isEqualTo(503);
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(get("/readyz").statusCode()).isEqualTo(200);
	}

	/**
	 * The collector answers 503 for a few seconds: exports fail and their items are
	 * dropped.
	 */
	private void refuseTelemetry() throws Exception {
		RECEIVER.respondWith(503);
		try {
			for (int i = 0; i < 5; i++) {
				get("/api/ca/v1/cas/root-ca/crl");
				Thread.sleep(600);
			}
		}
		finally {
			RECEIVER.respondWith(200);
		}
	}

	/**
	 * Three scrape and rule-evaluation intervals, so that the last requests are in
	 * Prometheus.
	 */
	/**
	 * Every Prometheus panel of every dashboard, each of its queries evaluated after
	 * substituting the template variables as Grafana would with "All" selected.
	 * @return the number of series each panel's queries returned, keyed "dashboard /
	 * panel"
	 */
	private Map<String, Integer> evaluatePanels(PrometheusServer prometheus) throws Exception {
		Map<String, Integer> series = new TreeMap<>();
		for (Path file : OpsKit.dashboardFiles()) {
			Map<String, Object> dashboard = OpsKit.json(file);
			String title = ((String) dashboard.get("title")).replace("selfobs / ", "");
			for (Map<String, Object> panel : OpsKit.panels(dashboard)) {
				if (!"prometheus".equals(OpsKit.dataSourceType(panel))) {
					continue;
				}
				int count = 0;
				for (Map<String, Object> target : OpsKit.targets(panel)) {
					count += prometheus.query(OpsKit.substitute((String) target.get("expr"), TEMPLATE_VALUES)).size();
				}
				series.put(title + " / " + panel.get("title"), count);
			}
		}
		return series;
	}

	static final Map<String, String> TEMPLATE_VALUES = OpsKit.values("job", JOB, "instance", ".*", "service", ".*",
			"__rate_interval", "1m", "__range", "10m", "__interval", "15s");

	private static List<String> withoutData(Map<String, Integer> series) {
		return series.entrySet().stream().filter((entry) -> entry.getValue() == 0).map(Map.Entry::getKey).toList();
	}

	private void assertVariablesResolve(PrometheusServer prometheus) throws Exception {
		for (Path file : OpsKit.dashboardFiles()) {
			for (Map<String, Object> variable : OpsKit.variables(OpsKit.json(file))) {
				if (!"query".equals(variable.get("type"))) {
					continue;
				}
				Map.Entry<String, String> query = OpsKit.labelValuesQuery((String) variable.get("definition"));
				List<JsonNode> values = prometheus.query(OpsKit.substitute(query.getKey(), TEMPLATE_VALUES));
				assertThat(values).as("values of $%s in %s", variable.get("name"), file.getFileName()).isNotEmpty();
			}
		}
	}

	private void assertRulesEvaluate(PrometheusServer prometheus) throws Exception {
		Map<String, String> problems = new LinkedHashMap<>();
		for (Path file : OpsKit.ruleFiles()) {
			for (Map<String, Object> rule : OpsKit.rules(file)) {
				String name = (String) rule.getOrDefault("alert", rule.get("record"));
				try {
					List<JsonNode> result = prometheus.query((String) rule.get("expr"));
					if (rule.containsKey("record") && result.isEmpty()) {
						problems.put(name, "recording rule without data");
					}
				}
				catch (IllegalStateException ex) {
					problems.put(name, ex.getMessage());
				}
			}
		}
		assertThat(problems).isEmpty();
		for (JsonNode group : prometheus.api("/api/v1/rules").path("data").path("groups")) {
			for (JsonNode rule : group.path("rules")) {
				assertThat(rule.path("health").asString()).as("health of %s", rule.path("name").asString())
					.isEqualTo("ok");
			}
		}
	}

	private void assertAlertsRaised(PrometheusServer prometheus) throws Exception {
		List<String> raised = new ArrayList<>();
		for (JsonNode alert : prometheus.api("/api/v1/alerts").path("data").path("alerts")) {
			raised.add(alert.path("labels").path("alertname").asString());
		}
		assertThat(raised).containsAll(RAISED_BY_THE_FAILURES);
	}

	private HttpResponse<String> operator(String method, String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path))
			.header("Authorization", OpsKitTestSupport.basic("operator", "demo-operator-password"))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
