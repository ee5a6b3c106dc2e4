package io.selfobs.autoconfigure.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.autoconfigure.test.OtlpToPrometheus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One naming across both outputs: every series on {@code /metrics} is exactly what the
 * same meters become when pushed over OTLP and put through the standard OTLP → Prometheus
 * translation, and the other way round — for HTTP server and client meters, JDBC
 * statements, the connection pool, process and JVM meters, on both transports.
 */
class ScrapeAndPushNamingTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	private OtlpReceiver receiver;

	@AfterEach
	void stopReceiver() {
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void theScrapeEqualsTheTranslatedPush(String protocol) throws Exception {
		this.receiver = OtlpReceiver.start();
		String endpoint = protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		try (ConfigurableApplicationContext app = SpringApplication.run(NamedApp.class, "--server.port=0",
				"--spring.main.banner-mode=off", "--spring.application.name=orders",
				"--spring.datasource.url=jdbc:h2:mem:naming-" + protocol.hashCode(),
				"--otel.metrics.endpoint=" + endpoint, "--otel.metrics.protocol=" + protocol,
				"--otel.metrics.interval-in-millis=300", "--spring.datasource.hikari.pool-name=orders-pool")) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			assertThat(send(port, "POST", "/orders/7")).isEqualTo(200);
			assertThat(send(port, "GET", "/orders/7")).isEqualTo(200);
			assertThat(send(port, "GET", "/orders/7/via-client")).isEqualTo(200);
			assertThat(send(port, "GET", "/fail")).isEqualTo(500);
			assertThat(send(port, "GET", "/no-such-route")).isEqualTo(404);
			Set<String> before = OtlpToPrometheus.series(scrape(port));
			int pushes = this.receiver.metrics().size();
			ExportMetricsServiceRequest push = await().atMost(WAIT)
				.until(() -> this.receiver.metrics(), (all) -> all.size() > pushes + 1)
				.get(pushes + 1);
			Set<String> after = OtlpToPrometheus.series(scrape(port));
			Set<String> pushed = OtlpToPrometheus.series(push);

			assertThat(before)
				.anyMatch((s) -> s.startsWith("http_server_request_duration_seconds_bucket{")
						&& s.contains("http_route=\"/orders/{id}\""))
				.anyMatch((s) -> s.startsWith("http_server_request_duration_seconds_count{")
						&& s.contains("error_type=\"IllegalStateException\"")
						&& s.contains("http_response_status_code=\"500\""))
				.anyMatch((s) -> s.startsWith("http_client_request_duration_seconds_bucket{")
						&& s.contains("server_address=\"localhost\""))
				.anyMatch((s) -> s.startsWith("db_client_operation_duration_seconds_bucket{")
						&& s.contains("db_operation_name=\"INSERT\"") && s.contains("db_system_name=\"h2database\""))
				.anyMatch((s) -> s.startsWith("db_client_operation_duration_seconds_count{")
						&& s.contains("db_operation_name=\"SELECT\""))
				.anyMatch((s) -> s.startsWith("db_client_connection_count{")
						&& s.contains("db_client_connection_state=\"used\""))
				.contains("db_client_connection_max{db_client_connection_pool_name=\"orders-pool\"}",
						"db_client_connection_pending_requests{db_client_connection_pool_name=\"orders-pool\"}",
						"db_client_connection_timeouts_total{db_client_connection_pool_name=\"orders-pool\"}",
						"process_cpu_seconds_total{}", "process_resident_memory_bytes{}", "process_open_fds{}",
						"jvm_threads_live_threads{}")
				.anyMatch((s) -> s.startsWith("jvm_classes_loaded_classes{"));
			// Whatever the scrape showed before the push is in the push, and whatever was
			// pushed the next scrape shows
			assertThat(difference(before, pushed)).as("on the scrape, not in the translated push").isEmpty();
			assertThat(difference(pushed, after)).as("in the translated push, not on the scrape").isEmpty();
		}
	}

	private static Set<String> difference(Set<String> a, Set<String> b) {
		Set<String> difference = new TreeSet<>(a);
		difference.removeAll(b);
		return difference;
	}

	private int send(int port, String method, String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private String scrape(int port) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	// No component scan: it would pick up the auto-configuration's nested classes from
	// this package
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class NamedApp {

		private final JdbcTemplate jdbc;

		private final RestClient.Builder restClient;

		NamedApp(JdbcTemplate jdbc, RestClient.Builder restClient) {
			this.jdbc = jdbc;
			this.restClient = restClient;
			jdbc.execute("create table if not exists orders (id int primary key)");
		}

		@PostMapping("/orders/{id}")
		String place(@PathVariable int id) {
			this.jdbc.update("insert into orders (id) values (?)", id);
			return "placed";
		}

		@GetMapping("/orders/{id}")
		List<Integer> order(@PathVariable int id) {
			return this.jdbc.queryForList("select id from orders where id = ?", Integer.class, id);
		}

		@GetMapping("/orders/{id}/via-client")
		String viaClient(@PathVariable int id, jakarta.servlet.http.HttpServletRequest request) {
			return this.restClient.build()
				.get()
				.uri("http://localhost:" + request.getLocalPort() + "/orders/{id}", id)
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("failed on purpose");
		}

	}

}
