package io.selfobs.sample.pki;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.test.Promtool;
import io.selfobs.sample.pki.device.DeviceMetrics;
import org.bouncycastle.est.ESTException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One enrollment and one refusal, seen on a {@code /metrics} scrape under the Prometheus
 * names dashboards use; the scrape passes {@code promtool check metrics}; a real
 * Prometheus scraping the sample answers the guide's queries.
 */
class MetricsScrapeTests extends PkiIntegrationTests {

	@Autowired
	private DeviceMetrics devices;

	@Test
	void enrollmentAndRefusalMoveThePrometheusSeries() throws Exception {
		String before = scrape();

		TestPki.est(this.estServer.port(), DATA_DIR, "demo", null)
			.simpleEnroll(false, TestPki.csr("scraped-device", TestPki.ecKey()), null);
		ESTException refused = catchThrowableOfType(ESTException.class,
				() -> TestPki.est(this.estServer.port(), DATA_DIR, "factory", null)
					.simpleEnroll(false, TestPki.csr("scraped-intruder", TestPki.ecKey()), null));
		assertThat(refused.getStatusCode()).isEqualTo(401);
		this.devices.refreshStatusGauge();
		String after = scrape();

		for (String stage : new String[] { "received", "authenticated", "validated", "signed", "issued" }) {
			assertMoved(before, after, "est_enrollment_total",
					"dms_id=\"demo\",operation=\"simpleenroll\",stage=\"" + stage + "\"", 1);
		}
		assertMoved(before, after, "est_enrollment_success_total", "dms_id=\"demo\",operation=\"simpleenroll\"", 1);
		assertMoved(before, after, "est_enrollment_failed_total", "dms_id=\"factory\",failure_reason=\"auth_required\"",
				1);
		assertMoved(before, after, "ca_certificates_issued_total", "ca_id=\"root-ca\"", 1);
		assertMoved(before, after, "device_enrollments_total", "dms_id=\"demo\",operation=\"simpleenroll\"", 1);
		assertThat(after).containsPattern("ca_sign_operation_duration_seconds_bucket\\{[^}]*ca_id=\"root-ca\"")
			.containsPattern("est_operation_duration_seconds_count\\{[^}]*operation=\"simpleenroll\"")
			.containsPattern(
					"crypto_operation_duration_seconds_count\\{[^}]*engine_id=\"software\"[^}]*operation_type=\"sign\"")
			.containsPattern("ca_info\\{[^}]*ca_id=\"root-ca\"[^}]*engine_type=\"software\"[^}]*status=\"ACTIVE\"")
			.containsPattern("devices\\{[^}]*status=\"ACTIVE\"")
			.contains("outbox_pending_events")
			.doesNotContain("scraped-device");
		assertThat(after).containsPattern("est_operation_duration_seconds_bucket\\{[^}]*le=\"0.005\"")
			.containsPattern(
					"http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/.well-known/est/\\{label}/simpleenroll\"[^}]*url_scheme=\"https\"")
			.containsPattern("db_client_operation_duration_seconds_bucket\\{[^}]*db_operation_name=\"INSERT\"")
			.doesNotContain("active_seconds_bucket")
			.doesNotContain("jdbc_query");
		Promtool.CheckResult check = Promtool.check(after);
		assertThat(check.isClean()).as(check.output()).isTrue();
	}

	/**
	 * The questions of the PKI observability guide, asked of a real Prometheus scraping
	 * the sample after the demo traffic script: each query returns data.
	 */
	@Test
	void aPrometheusScrapingTheSampleAnswersTheGuidesQueries() throws Exception {
		assumeTrue(onPath("curl") && onPath("openssl"), "curl and openssl are needed");
		try (PrometheusServer prometheus = PrometheusServer.scraping("localhost:" + this.httpPort, "/metrics")) {
			prometheus.awaitScrapes(2);
			ProcessBuilder traffic = new ProcessBuilder("bash",
					Path.of("scripts/demo-traffic.sh").toAbsolutePath().toString())
				.redirectErrorStream(true);
			traffic.environment()
				.putAll(Map.of("EST_URL", "https://localhost:" + this.estServer.port(), "API_URL",
						"http://localhost:" + this.httpPort, "TRUST_ANCHOR",
						DATA_DIR.resolve("tls/est-tls-ca.crt").toString(), "DURATION", "30", "MAX_REQUESTS", "40",
						"PAUSE", "0.05"));
			Process process = traffic.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			prometheus.awaitScrapes(3);

			assertThat(prometheus.query("histogram_quantile(0.95, sum by (le, http_route) "
					+ "(rate(http_server_request_duration_seconds_bucket[1m])))"))
				.as("p95 per route")
				.anySatisfy((series) -> assertThat(series.path("metric").path("http_route").asString())
					.isEqualTo("/.well-known/est/{label}/simpleenroll"));
			assertThat(prometheus.query("sum by (http_route) (rate(http_server_request_duration_seconds_count"
					+ "{http_response_status_code=~\"5..\"}[1m])) or sum by (http_route) "
					+ "(rate(http_server_request_duration_seconds_count[1m])) * 0"))
				.as("5xx rate per route")
				.anySatisfy((series) -> assertThat(series.path("metric").path("http_route").asString())
					.isEqualTo("/.well-known/est/{label}/simpleenroll"));
			assertThat(prometheus.query("max by (db_client_connection_pool_name) (db_client_connection_count"
					+ "{db_client_connection_state=\"used\"}) / max by (db_client_connection_pool_name) (db_client_connection_max)"))
				.as("pool utilisation")
				.singleElement()
				.satisfies((series) -> assertThat(value(series)).isBetween(0.0, 1.0));
			assertThat(prometheus.query("histogram_quantile(0.99, sum by (le, db_operation_name) "
					+ "(rate(db_client_operation_duration_seconds_bucket[1m])))"))
				.as("query p99 by operation")
				.extracting((series) -> series.path("metric").path("db_operation_name").asString())
				.contains("SELECT", "INSERT", "UPDATE");
			assertThat(prometheus.query("rate(process_cpu_seconds_total[1m])")).as("process CPU")
				.singleElement()
				.satisfies((series) -> assertThat(value(series)).isPositive());
			assertThat(prometheus.query("process_resident_memory_bytes")).as("resident memory")
				.singleElement()
				.satisfies((series) -> assertThat(value(series)).isGreaterThan(16 * 1024 * 1024));
			assertThat(prometheus.query("histogram_quantile(0.95, sum by (operation, le) "
					+ "(rate(est_operation_duration_seconds_bucket[1m])))"))
				.as("EST operation p95")
				.extracting((series) -> series.path("metric").path("operation").asString())
				.contains("simpleenroll", "simplereenroll");
			assertThat(prometheus.query("histogram_quantile(0.95, sum by (engine_id, operation_type, le) "
					+ "(rate(crypto_operation_duration_seconds_bucket[1m])))"))
				.as("crypto operation p95")
				.anySatisfy((series) -> assertThat(series.path("metric").path("operation_type").asString())
					.isEqualTo("sign"));
			assertThat(prometheus.query("histogram_quantile(0.95, sum by (ca_id, le) "
					+ "(rate(ca_sign_operation_duration_seconds_bucket[1m])))"))
				.as("CA signing p95")
				.anySatisfy((series) -> assertThat(value(series)).isPositive());

			String scrape = scrape();
			assertThat(scrape).as("meters that repeat another series are off")
				.doesNotContain("jdbc_connections_", "process_files_", "process_uptime_seconds", "process_cpu_usage",
						"tomcat_sessions_")
				.contains("db_client_connection_max{", "process_open_fds ", "process_start_time_seconds ",
						"jvm_memory_used_bytes{", "jvm_gc_pause_seconds_count{", "jvm_threads_live_threads ");
			Promtool.CheckResult check = Promtool.check(scrape);
			assertThat(check.isClean()).as(check.output()).isTrue();
		}
	}

	private static double value(JsonNode series) {
		return Double.parseDouble(series.path("value").get(1).asString());
	}

	private static boolean onPath(String command) throws Exception {
		return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static void assertMoved(String before, String after, String name, String labels, double by) {
		assertThat(value(after, name, labels) - value(before, name, labels)).as("%s{%s}", name, labels).isEqualTo(by);
	}

	/**
	 * The value of the one sample of {@code name} whose labels include {@code labels}
	 * (other labels allowed).
	 */
	private static double value(String scrape, String name, String labels) {
		Matcher matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)").matcher(scrape);
		double total = 0;
		while (matcher.find()) {
			if (containsAll(matcher.group(1), labels)) {
				total += Double.parseDouble(matcher.group(2));
			}
		}
		return total;
	}

	private static boolean containsAll(String actual, String expected) {
		for (String label : expected.split(",")) {
			if (!actual.contains(label)) {
				return false;
			}
		}
		return true;
	}

}
