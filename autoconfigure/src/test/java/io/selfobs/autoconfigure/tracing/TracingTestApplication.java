package io.selfobs.autoconfigure.tracing;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A small service: an endpoint that queries a database inside a nested observation, one
 * that calls the first over HTTP through a Boot-built {@link RestClient}, and probe-like
 * endpoints.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TracingTestApplication.ItemsController.class)
class TracingTestApplication {

	static final Logger logger = LoggerFactory.getLogger(TracingTestApplication.class);

	@Bean
	CapturingSpanExporter capturingSpanExporter() {
		return new CapturingSpanExporter();
	}

	@RestController
	static class ItemsController {

		private final JdbcTemplate jdbc;

		private final ObservationRegistry observations;

		private final RestClient.Builder restClients;

		private final Environment environment;

		ItemsController(JdbcTemplate jdbc, ObservationRegistry observations, RestClient.Builder restClients,
				Environment environment) {
			this.jdbc = jdbc;
			this.observations = observations;
			this.restClients = restClients;
			this.environment = environment;
		}

		@GetMapping("/api/items/{id}")
		Map<String, String> item(@PathVariable int id,
				@RequestHeader(name = "traceparent", required = false) String traceparent) {
			logger.info("Looking up item {}", id);
			String name = Observation.createNotStarted("items.lookup", this.observations)
				.observe(() -> this.jdbc.queryForObject(
						"SELECT name FROM items WHERE id = " + id + " AND owner = 'alice@example.com'", String.class));
			return Map.of("name", name, "traceparent", String.valueOf(traceparent));
		}

		@GetMapping("/api/chain/{id}")
		Map<?, ?> chain(@PathVariable int id) {
			RestClient client = this.restClients
				.baseUrl("http://localhost:" + this.environment.getProperty("local.server.port"))
				.build();
			return client.get().uri("/api/items/{id}", id).retrieve().body(Map.class);
		}

		@GetMapping({ "/livez", "/readyz", "/internal/ping" })
		String probe(HttpServletRequest request) {
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			return "ok";
		}

	}

}
