package io.selfobs.autoconfigure.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;

import io.selfobs.autoconfigure.redaction.RedactionCanaries;
import io.selfobs.autoconfigure.test.EcsLogValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application on a random port writes ECS to stdout across a whole scenario:
 * startup, requests, a 404, an unhandled exception, a log with key/values, markers and
 * MDC. Every captured line must pass the ecs-logging spec, and request and error events
 * must carry their fields with ECS types.
 */
@ExtendWith(OutputCaptureExtension.class)
class EcsConsoleScenarioTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyLineOfAScenarioIsSpecValidEcsWithRequestAndErrorEvents(CapturedOutput output) throws Exception {
		freshLoggingSystem();
		try (ConfigurableApplicationContext context = application("otel.logging.console.format=ecs",
				"otel.logging.request-events.include-paths=/actuator/health",
				"otel.logging.request-events.user-id-header=X-User",
				"otel.logging.request-events.organization-id-header=X-Tenant",
				"otel.redaction.allowed-headers=X-Request-Id,Authorization")
			.run()) {
			String base = "http://localhost:" + port(context);
			assertThat(get(base + "/hello?name=ada&token=secret-query", "X-User", "ada", "X-Tenant", "acme",
					"X-Request-Id", "req-42", "Authorization", "Bearer " + RedactionCanaries.BEARER_TOKEN)
				.statusCode()).isEqualTo(200);
			assertThat(post(base + "/echo", "0123456789").body()).isEqualTo("0123456789");
			assertThat(get(base + "/missing").statusCode()).isEqualTo(404);
			assertThat(get(base + "/boom", "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01").statusCode())
				.isEqualTo(500);
			for (String probe : List.of("/livez", "/readyz", "/startupz", "/healthz", "/metrics", "/actuator/info")) {
				get(base + probe);
			}
			assertThat(get(base + "/actuator/health").statusCode()).isEqualTo(200);
		}
		List<JsonNode> lines = EcsLogValidator.load().validateLines(output.getOut());

		assertThat(lines).anySatisfy((line) -> assertThat(line.get("message").asString()).contains("Started"));
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.get("service.name").asString()).isEqualTo("logging-scenario");
			assertThat(line.get("service.version").asString()).isEqualTo("1.2.3");
			assertThat(line.get("service.environment").asString()).isEqualTo("test");
			assertThat(line.get("service.node.name").asString()).isNotBlank();
			assertThat(line.get("event.dataset").asString()).isNotBlank();
			assertThat(line.get("process.thread.name").asString()).isNotBlank();
			assertThat(line.get("log.logger").asString()).isNotBlank();
		});
		assertThat(output.getOut()).doesNotContain("secret").doesNotContain(RedactionCanaries.BEARER_TOKEN);
		assertThat(lines).noneMatch((line) -> line.has("http.request.header.authorization"));

		JsonNode domain = only(lines, (line) -> "io.selfobs.test.Certificates".equals(text(line, "log.logger")));
		assertThat(domain.get("message").asString()).isEqualTo("Certificate issued for ada with [REDACTED]");
		assertThat(domain.get("ca_id").asString()).isEqualTo("ca-1");
		assertThat(domain.get("duration_ms").isInt()).isTrue();
		assertThat(domain.get("duration_ms").asInt()).isEqualTo(42);
		assertThat(domain.get("ratio").isDouble()).isTrue();
		assertThat(domain.get("approved").isBoolean()).isTrue();
		assertThat(domain.get("subject_cn").asString()).isEqualTo("cn-[REDACTED]");
		assertThat(domain.get("tenant").asString()).isEqualTo("kv-wins-over-mdc");
		assertThat(domain.get("note").asString()).isEqualTo("mdc carries [REDACTED]");
		assertThat(domain.get("service.name").asString()).isEqualTo("logging-scenario");
		assertThat(domain.get("tags").toString()).isEqualTo("[\"audit\",\"pki\"]");
		assertThat(domain.get("trace.id").asString()).matches("[0-9a-f]{32}");
		assertThat(domain.get("span.id").asString()).matches("[0-9a-f]{16}");

		JsonNode hello = accessEvent(lines, "/hello");
		assertThat(hello.get("url.query").asString()).isEqualTo("name=ada&token=[REDACTED]");
		assertThat(hello.get("http.request.method").asString()).isEqualTo("GET");
		assertThat(hello.get("http.response.status_code").asInt()).isEqualTo(200);
		assertThat(hello.get("event.duration").isIntegralNumber()).isTrue();
		assertThat(hello.get("event.duration").asLong()).isPositive();
		assertThat(hello.get("event.kind").asString()).isEqualTo("event");
		assertThat(hello.get("event.category").toString()).isEqualTo("[\"web\"]");
		assertThat(hello.get("event.type").toString()).isEqualTo("[\"access\"]");
		assertThat(hello.get("event.outcome").asString()).isEqualTo("success");
		assertThat(hello.get("client.address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(hello.get("client.ip").asString()).isEqualTo(hello.get("client.address").asString());
		assertThat(hello.get("user_agent.original").asString()).startsWith("Java-http-client");
		assertThat(hello.get("user.id").asString()).isEqualTo("ada");
		assertThat(hello.get("organization.id").asString()).isEqualTo("acme");
		assertThat(hello.get("http.response.body.bytes").asLong()).isEqualTo("hello ada".length());
		assertThat(hello.get("trace.id").asString()).isEqualTo(domain.get("trace.id").asString());
		assertThat(hello.get("log.logger").asString()).isEqualTo("selfobs.http.access");
		assertThat(hello.get("http.request.header.x-request-id").asString()).isEqualTo("req-42");
		assertThat(hello.has("http.request.header.x-user")).isFalse();

		JsonNode echo = accessEvent(lines, "/echo");
		assertThat(echo.get("http.request.body.bytes").asLong()).isEqualTo(10);
		assertThat(echo.get("http.response.body.bytes").asLong()).isEqualTo(10);

		assertThat(accessEvent(lines, "/missing").get("http.response.status_code").asInt()).isEqualTo(404);
		assertThat(accessEvent(lines, "/missing").get("event.outcome").asString()).isEqualTo("failure");

		JsonNode boom = accessEvent(lines, "/boom");
		assertThat(boom.get("http.response.status_code").asInt()).isEqualTo(500);
		assertThat(boom.get("event.outcome").asString()).isEqualTo("failure");
		assertThat(boom.get("trace.id").asString()).isEqualTo(TRACE_ID);
		JsonNode error = only(lines, (line) -> "selfobs.http.error".equals(text(line, "log.logger")));
		assertThat(error.get("log.level").asString()).isEqualTo("ERROR");
		assertThat(error.get("event.type").toString()).isEqualTo("[\"error\"]");
		assertThat(error.get("event.outcome").asString()).isEqualTo("failure");
		assertThat(error.get("error.type").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(error.get("error.message").asString()).isEqualTo("boom carrying [REDACTED]");
		assertThat(error.get("error.stack_trace").asString()).contains("LoggingTestApplication.boom")
			.doesNotContain("secret");
		assertThat(error.get("trace.id").asString()).isEqualTo(TRACE_ID);
		assertThat(error.get("url.path").asString()).isEqualTo("/boom");

		for (String probe : List.of("/livez", "/readyz", "/startupz", "/healthz", "/metrics", "/actuator/info")) {
			assertThat(lines).noneMatch((line) -> isAccessEvent(line, probe));
		}
		assertThat(accessEvent(lines, "/actuator/health").get("http.response.status_code").asInt()).isEqualTo(200);
	}

	@Test
	void aUserLogbackConfigurationKeepsTheConsole(CapturedOutput output) throws Exception {
		freshLoggingSystem();
		try (ConfigurableApplicationContext context = application("otel.logging.console.format=ecs",
				"logging.config=classpath:user-logback-spring.xml")
			.run()) {
			get("http://localhost:" + port(context) + "/hello?name=bob");
		}
		assertThat(output.getOut())
			.contains("USER-FORMAT INFO io.selfobs.test.Certificates - Certificate issued for bob")
			.contains("USER-FORMAT INFO selfobs.http.access - GET /hello?name=bob 200")
			.doesNotContain("\"log.level\"");
	}

	@Test
	void textModeWritesOneReadableLinePerRequest(CapturedOutput output) throws Exception {
		freshLoggingSystem();
		try (ConfigurableApplicationContext context = application("otel.logging.console.format=text").run()) {
			get("http://localhost:" + port(context) + "/hello?name=cy");
		}
		assertThat(output.getOut()).doesNotContain("\"log.level\"")
			.contains("Certificate issued for cy with [REDACTED]")
			.doesNotContain("secret")
			.containsPattern("INFO .* selfobs\\.http\\.access +: GET /hello\\?name=cy 200 \\(\\d+ ms\\)");
	}

	static SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(LoggingTestApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.application.name=logging-scenario", "otel.service.version=1.2.3",
					"otel.service.environment=test", "management.tracing.sampling.probability=1.0",
					"spring.jmx.enabled=false")
			.properties(properties);
	}

	/**
	 * As in a fresh JVM: another test's application still running would otherwise keep
	 * its logging configuration, since Spring Boot configures logback once per running
	 * application.
	 */
	static void freshLoggingSystem() {
		LoggingSystem.get(EcsConsoleScenarioTests.class.getClassLoader()).cleanUp();
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private HttpResponse<String> get(String url, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode accessEvent(List<JsonNode> lines, String path) {
		return only(lines, (line) -> isAccessEvent(line, path));
	}

	private static boolean isAccessEvent(JsonNode line, String path) {
		return "selfobs.http.access".equals(text(line, "log.logger")) && path.equals(text(line, "url.path"));
	}

	private static JsonNode only(List<JsonNode> lines, Predicate<JsonNode> filter) {
		List<JsonNode> matching = lines.stream().filter(filter).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	private static String text(JsonNode line, String field) {
		JsonNode value = line.get(field);
		return (value != null) ? value.asString() : null;
	}

}
