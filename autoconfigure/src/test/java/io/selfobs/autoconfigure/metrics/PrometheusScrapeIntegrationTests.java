package io.selfobs.autoconfigure.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import io.selfobs.autoconfigure.metrics.internal.prometheus.PrometheusPortServer;
import io.selfobs.autoconfigure.test.Promtool;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrapes a real application on a random port the way Prometheus does.
 */
class PrometheusScrapeIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void metricsOnTheMainPortPassPromtoolAndCarryRouteTemplates() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			int port = port(app);
			assertThat(get(port, "/orders/42", null).statusCode()).isEqualTo(200);
			HttpResponse<byte[]> scrape = get(port, "/metrics", null);
			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(scrape.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
			String text = new String(scrape.body(), StandardCharsets.UTF_8);
			assertThat(text)
				.containsPattern("http_server_request_duration_seconds_bucket\\{[^}]*http_request_method=\"GET\""
						+ "[^}]*http_response_status_code=\"200\"[^}]*http_route=\"/orders/\\{id}\"[^}]*le=\"0.005\"")
				.contains("le=\"10.0\"")
				.doesNotContain("/orders/42")
				.doesNotContain("http_server_requests")
				.doesNotContain("http_server_request_duration_seconds_max")
				.doesNotContain("_active_seconds")
				.contains("jvm_memory_used_bytes")
				.contains("jvm_threads_live_threads")
				.contains("process_cpu_seconds_total ")
				.contains("process_resident_memory_bytes ")
				.contains("process_virtual_memory_bytes ")
				.contains("process_open_fds ")
				.contains("process_max_fds ")
				.contains("process_start_time_seconds ");
			Promtool.CheckResult check = Promtool.check(text);
			assertThat(check.isClean()).as(check.output()).isTrue();
		}
	}

	@Test
	void micrometerNamingKeepsMicrometersNamesWithTheSameBuckets() throws Exception {
		try (ConfigurableApplicationContext app = start("--otel.metrics.naming=micrometer")) {
			int port = port(app);
			assertThat(get(port, "/orders/42", null).statusCode()).isEqualTo(200);
			String text = new String(get(port, "/metrics", null).body(), StandardCharsets.UTF_8);
			assertThat(text).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/orders/\\{id}\"")
				.contains("http_server_requests_active_seconds_count")
				.doesNotContain("http_server_request_duration")
				.contains("process_cpu_seconds_total ")
				.contains("process_cpu_usage ", "process_uptime_seconds ", "process_files_open_files ",
						"jdbc_connections_max{", "tomcat_sessions_active_current_sessions ")
				.containsPattern("jvm_memory_max_bytes\\{area=\"heap\",id=\"[^\"]+\"}");
			Promtool.CheckResult check = Promtool.check(text);
			assertThat(check.isClean()).as(check.output()).isTrue();
		}
	}

	/**
	 * The meters of Spring Boot's binders that only repeat another series are left out,
	 * the series that answer the same questions are there, and each comes back with its
	 * own {@code management.metrics.enable} key.
	 */
	@Test
	void metersThatRepeatAnotherSeriesAreOffUntilEnabledOneByOne() throws Exception {
		String[] repeated = { "jdbc_connections_", "process_files_", "process_uptime_seconds", "process_cpu_usage",
				"jvm_classes_loaded_count_", "jvm_buffer_total_capacity_", "application_started_time_",
				"tomcat_sessions_" };
		try (ConfigurableApplicationContext app = start()) {
			String text = new String(get(port(app), "/metrics", null).body(), StandardCharsets.UTF_8);
			assertThat(text).doesNotContain(repeated)
				.contains("db_client_connection_max{", "db_client_connection_count{", "db_client_connection_idle_min{",
						"process_open_fds ", "process_max_fds ", "process_start_time_seconds ",
						"process_cpu_seconds_total ", "system_cpu_count ", "jvm_classes_loaded_classes ",
						"jvm_classes_unloaded_classes_total ", "jvm_buffer_memory_used_bytes{",
						"jvm_memory_max_bytes{area=\"heap\"}", "jvm_gc_max_data_size_bytes ",
						"application_ready_time_seconds{");
		}
		try (ConfigurableApplicationContext app = start("--management.metrics.enable.process.cpu.usage=true",
				"--management.metrics.enable.tomcat.sessions=true")) {
			String text = new String(get(port(app), "/metrics", null).body(), StandardCharsets.UTF_8);
			assertThat(text).contains("process_cpu_usage ", "tomcat_sessions_active_current_sessions ")
				.doesNotContain("process_uptime_seconds", "jdbc_connections_");
			Promtool.CheckResult check = Promtool.check(text);
			assertThat(check.isClean()).as(check.output()).isTrue();
		}
	}

	@Test
	void openMetricsAndGzipAreNegotiatedLikePrometheusClient() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			int port = port(app);
			HttpResponse<byte[]> openMetrics = get(port, "/metrics", "application/openmetrics-text; version=1.0.0");
			assertThat(openMetrics.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/openmetrics-text"));
			assertThat(new String(openMetrics.body(), StandardCharsets.UTF_8).trim()).endsWith("# EOF");
			HttpResponse<byte[]> gzip = this.http.send(
					HttpRequest.newBuilder(URI.create(url(port, "/metrics"))).header("Accept-Encoding", "gzip").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
			assertThat(gunzip(gzip.body())).contains("jvm_memory_used_bytes");
		}
	}

	@Test
	void actuatorPrometheusKeepsWorking() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			HttpResponse<byte[]> scrape = get(port(app), "/actuator/prometheus", null);
			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(new String(scrape.body(), StandardCharsets.UTF_8)).contains("jvm_memory_used_bytes");
		}
	}

	@Test
	void theEndpointCanBeMovedAndDisabled() throws Exception {
		try (ConfigurableApplicationContext app = start("--otel.metrics.prometheus.path=/internal/prom")) {
			assertThat(get(port(app), "/internal/prom", null).statusCode()).isEqualTo(200);
			assertThat(get(port(app), "/metrics", null).statusCode()).isEqualTo(404);
		}
		try (ConfigurableApplicationContext app = start("--otel.metrics.prometheus.enabled=false")) {
			assertThat(get(port(app), "/metrics", null).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void aDedicatedPortKeepsMetricsOffTheApplicationPort() throws Exception {
		try (ConfigurableApplicationContext app = start("--otel.metrics.prometheus.port=0")) {
			int metricsPort = app.getBean(PrometheusPortServer.class).getPort();
			assertThat(get(port(app), "/metrics", null).statusCode()).isEqualTo(404);
			HttpResponse<byte[]> scrape = get(metricsPort, "/metrics", null);
			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(new String(scrape.body(), StandardCharsets.UTF_8)).contains("jvm_memory_used_bytes");
		}
	}

	@Test
	void anUnreachableCollectorNeverFailsRequestsAndIsCounted() throws Exception {
		try (ConfigurableApplicationContext app = start("--otel.metrics.endpoint=http://127.0.0.1:1",
				"--otel.metrics.interval-in-millis=100")) {
			int port = port(app);
			long deadline = System.nanoTime() + 20_000_000_000L;
			String scrape = "";
			while (!scrape.contains("selfobs_export_failed_total{") && System.nanoTime() < deadline) {
				assertThat(get(port, "/orders/7", null).statusCode()).isEqualTo(200);
				scrape = new String(get(port, "/metrics", null).body(), StandardCharsets.UTF_8);
			}
			assertThat(scrape).contains("selfobs_export_failed_total{")
				.containsPattern("selfobs_export_failed_total\\{[^}]*reason=\"unreachable\"")
				.contains("selfobs_export_dropped_total{");
		}
	}

	private ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--spring.main.banner-mode=off";
		System.arraycopy(args, 0, all, 2, args.length);
		return SpringApplication.run(ScrapedApp.class, all);
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	private HttpResponse<byte[]> get(int port, String path, String accept) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(port, path)));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String url(int port, String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private static String gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	// No component scan: it would pick up the auto-configuration's nested classes from
	// this package
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ScrapedApp {

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) {
			return "order " + id;
		}

	}

}
