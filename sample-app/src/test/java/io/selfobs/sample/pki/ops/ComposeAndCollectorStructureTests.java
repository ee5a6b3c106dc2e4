package io.selfobs.sample.pki.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither Docker nor an OpenTelemetry Collector binary exists where the build runs, so
 * the compose file and the collector profile are checked for what can go wrong without
 * running them: every file they mount or name exists (or is the build's own output),
 * every component a pipeline names is defined, the stages come in the right order, no
 * credential is written in them, the credential patterns catch what they are meant to and
 * spare ordinary values, and the Prometheus configuration of the LGTM container passes
 * {@code promtool check config} once stripped of the sections Debian's older Prometheus
 * does not know.
 */
class ComposeAndCollectorStructureTests {

	private static final Path COMPOSE_DIR = OpsKit.ROOT.resolve("compose");

	private static final Map<String, Object> COMPOSE = OpsKit.yaml(COMPOSE_DIR.resolve("docker-compose.yaml"));

	private static final Map<String, Object> COLLECTOR = OpsKit.yaml(OpsKit.ROOT.resolve("collector/otelcol.yaml"));

	@Test
	void composeRunsAPinnedLgtmAndTheSampleWiredToIt() {
		Map<String, Object> services = OpsKit.map(COMPOSE.get("services"));
		assertThat(services).containsOnlyKeys("lgtm", "pki");
		assertThat((String) service("lgtm").get("image")).matches("grafana/otel-lgtm:\\d+\\.\\d+\\.\\d+");
		Map<String, Object> environment = OpsKit.map(service("pki").get("environment"));
		assertThat(environment).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://lgtm:4318")
			.containsEntry("OTEL_SERVICE_NAME", "selfobs-sample-pki");
		assertThat(OpsKit.list(service("pki").get("ports"))).contains("8080:8080", "8443:8443");
		assertThat(OpsKit.list(service("lgtm").get("ports"))).contains("3000:3000");
		assertThat(OpsKit.map(OpsKit.map(service("pki").get("depends_on")).get("lgtm"))).containsEntry("condition",
				"service_healthy");
	}

	@Test
	void everyMountedFileExistsOrIsTheBuildsOwnOutput() throws Exception {
		String jar = "../../sample-app/target/" + finalName() + ".jar";
		for (String name : List.of("lgtm", "pki")) {
			for (Object volume : OpsKit.list(service(name).get("volumes"))) {
				String source = ((String) volume).split(":")[0];
				if (source.equals(jar) || source.equals("./data")) {
					continue;
				}
				assertThat(COMPOSE_DIR.resolve(source)).as("mounted %s", source).exists();
			}
		}
		assertThat(mounts("pki")).containsKey(jar);
		assertThat(String.join(" ", OpsKit.list(service("pki").get("command")).stream().map(String::valueOf).toList()))
			.contains(mounts("pki").get(jar).replace(":ro", ""));
	}

	@Test
	void lgtmProvisionsTheDashboardsAndLoadsTheRules() {
		Map<String, String> mounts = mounts("lgtm");
		Map<String, Object> provisioning = OpsKit.yaml(COMPOSE_DIR.resolve("grafana/dashboards.yaml"));
		String dashboardPath = (String) OpsKit
			.map(OpsKit.map(OpsKit.list(provisioning.get("providers")).get(0)).get("options"))
			.get("path");
		assertThat(mounts.get("../dashboards")).isEqualTo(dashboardPath + ":ro");
		assertThat(mounts.get("./grafana/dashboards.yaml"))
			.startsWith("/otel-lgtm/grafana/conf/provisioning/dashboards/");
		assertThat(mounts.get("./prometheus.yaml")).isEqualTo("/otel-lgtm/prometheus.yaml:ro");
		Map<String, Object> prometheus = OpsKit.yaml(COMPOSE_DIR.resolve("prometheus.yaml"));
		assertThat(OpsKit.list(prometheus.get("rule_files"))).containsExactly("rules/*.rules.yaml");
		assertThat(mounts.get("../prometheus/rules")).isEqualTo("/otel-lgtm/rules:ro");
		Map<String, Object> job = OpsKit.map(OpsKit.list(prometheus.get("scrape_configs")).get(0));
		assertThat(OpsKit.map(OpsKit.list(job.get("static_configs")).get(0)).get("targets"))
			.isEqualTo(List.of("pki:8080"));
	}

	@Test
	void lgtmPrometheusConfigurationPassesPromtool(@TempDir Path dir) throws Exception {
		Map<String, Object> prometheus = new LinkedHashMap<>(OpsKit.yaml(COMPOSE_DIR.resolve("prometheus.yaml")));
		// Sections of Prometheus 3 (the one in grafana/otel-lgtm) that Debian's
		// Prometheus 2 cannot parse
		prometheus.remove("otlp");
		prometheus.remove("storage");
		Files.createSymbolicLink(dir.resolve("rules"), OpsKit.RULES);
		Path config = Files.writeString(dir.resolve("prometheus.yaml"), new Yaml().dump(prometheus));
		assertThat(RuleFilesTests.promtool(List.of("promtool", "check", "config", config.toString())))
			.contains("3 rule files found")
			.doesNotContain("FAILED");
	}

	@Test
	void collectorPipelinesUseOnlyDefinedComponentsInASafeOrder() {
		Map<String, Object> service = OpsKit.map(COLLECTOR.get("service"));
		Map<String, Object> pipelines = OpsKit.map(service.get("pipelines"));
		assertThat(pipelines).containsOnlyKeys("metrics", "traces", "logs");
		for (Map.Entry<String, Object> pipeline : pipelines.entrySet()) {
			Map<String, Object> stages = OpsKit.map(pipeline.getValue());
			for (String kind : List.of("receivers", "processors", "exporters")) {
				assertThat(OpsKit.map(COLLECTOR.get(kind)).keySet()).as("%s %s", pipeline.getKey(), kind)
					.containsAll(strings(stages.get(kind)));
			}
			List<String> processors = strings(stages.get("processors"));
			assertThat(processors.get(0)).as("memory_limiter first").isEqualTo("memory_limiter");
			assertThat(processors.get(processors.size() - 1)).as("batch last").isEqualTo("batch");
			assertThat(processors).contains("redaction/credentials", "attributes/drop-credentials");
		}
		assertThat(strings(OpsKit.map(pipelines.get("logs")).get("processors"))).contains("transform/scrub-log-bodies");
		assertThat(strings(OpsKit.map(pipelines.get("metrics")).get("exporters"))).singleElement()
			.satisfies((exporter) -> assertThat(exporter).startsWith("prometheusremotewrite"));
		assertThat(strings(OpsKit.map(pipelines.get("traces")).get("exporters"))).singleElement()
			.satisfies((exporter) -> assertThat(exporter).startsWith("otlp_grpc/tempo"));
		assertThat(strings(OpsKit.map(pipelines.get("logs")).get("exporters"))).singleElement()
			.satisfies((exporter) -> assertThat(exporter).startsWith("otlp_http/loki"));
	}

	@Test
	void collectorReceivesOtlpOverGrpcAndHttpWithTlsAndAuthentication() {
		List<String> extensions = strings(OpsKit.map(COLLECTOR.get("service")).get("extensions"));
		assertThat(extensions).containsAll(OpsKit.map(COLLECTOR.get("extensions")).keySet());
		List<String> authenticators = new ArrayList<>();
		for (Object receiver : OpsKit.map(COLLECTOR.get("receivers")).values()) {
			Map<String, Object> protocols = OpsKit.map(OpsKit.map(receiver).get("protocols"));
			assertThat(protocols).containsOnlyKeys("grpc", "http");
			for (Object protocol : protocols.values()) {
				Map<String, Object> settings = OpsKit.map(protocol);
				assertThat(OpsKit.map(settings.get("tls"))).containsKeys("cert_file", "key_file");
				String authenticator = (String) OpsKit.map(settings.get("auth")).get("authenticator");
				assertThat(extensions).contains(authenticator);
				authenticators.add(authenticator.split("/")[0]);
			}
		}
		assertThat(authenticators).contains("bearertokenauth", "basicauth");
	}

	@Test
	void noCredentialOrAddressIsWrittenIntoTheCollectorProfile() {
		Map<String, Object> extensions = OpsKit.map(COLLECTOR.get("extensions"));
		assertThat((String) OpsKit.map(extensions.get("bearertokenauth/otlp")).get("token"))
			.matches("\\$\\{env:[A-Z_]+}");
		assertThat((String) OpsKit.map(OpsKit.map(extensions.get("basicauth/otlp")).get("htpasswd")).get("file"))
			.startsWith("${env:");
		assertThat(OpsKit.map(OpsKit.map(extensions.get("basicauth/otlp")).get("htpasswd")))
			.doesNotContainKey("inline");
		for (Object exporter : OpsKit.map(COLLECTOR.get("exporters")).values()) {
			assertThat((String) OpsKit.map(exporter).get("endpoint")).matches("\\$\\{env:[A-Z_]+}");
		}
	}

	@Test
	void credentialPatternsCatchCredentialsAndSpareOrdinaryValues() {
		List<Pattern> patterns = strings(
				OpsKit.map(OpsKit.map(COLLECTOR.get("processors")).get("redaction/credentials")).get("blocked_values"))
			.stream()
			.map(Pattern::compile)
			.toList();
		List<String> credentials = List.of("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl",
				"Basic b3BlcmF0b3I6ZGVtby1vcGVyYXRvci1wYXNzd29yZA==",
				"token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl", "-----BEGIN EC PRIVATE KEY-----",
				"https://operator:s3cret@ca.example.com/api", "AKIAIOSFODNN7EXAMPLE",
				"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "4111 1111 1111 1111");
		List<String> ordinary = List.of("POST /.well-known/est/{label}/simpleenroll", "https://ca.example.com/api",
				"Certificate issued", "root-ca", "device-0042", "HikariPool-1", "2026-11-30T20:00:00Z",
				"-----BEGIN CERTIFICATE-----", "basic authentication required", "Bearer token missing", "1732999999999",
				"serial 1234567890123456789");
		for (String credential : credentials) {
			assertThat(patterns.stream().anyMatch((pattern) -> pattern.matcher(credential).find())).as(credential)
				.isTrue();
		}
		for (String value : ordinary) {
			assertThat(patterns.stream().noneMatch((pattern) -> pattern.matcher(value).find())).as(value).isTrue();
		}
		Pattern keys = Pattern
			.compile(strings(OpsKit.map(OpsKit.map(COLLECTOR.get("processors")).get("redaction/credentials"))
				.get("blocked_key_patterns")).get(0));
		assertThat(List.of("db.password", "api_key", "x-auth-token", "client_secret"))
			.allMatch((key) -> keys.matcher(key).matches());
		assertThat(List.of("http.route", "service.name", "ca_id")).noneMatch((key) -> keys.matcher(key).matches());
	}

	private static Map<String, Object> service(String name) {
		return OpsKit.map(OpsKit.map(COMPOSE.get("services")).get(name));
	}

	/** Volume source → target (with mode) of a compose service. */
	private static Map<String, String> mounts(String name) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (Object volume : OpsKit.list(service(name).get("volumes"))) {
			String[] parts = ((String) volume).split(":", 2);
			mounts.put(parts[0], parts[1]);
		}
		return mounts;
	}

	private static String finalName() throws Exception {
		String pom = Files.readString(Path.of("pom.xml"));
		return pom.substring(pom.indexOf("<finalName>") + 11, pom.indexOf("</finalName>"));
	}

	private static List<String> strings(Object value) {
		return OpsKit.list(value).stream().map(String::valueOf).toList();
	}

}
