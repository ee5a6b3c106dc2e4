package io.selfobs.sample.pki;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.health.HealthProbeProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes example in {@code ops/k8s/deployment.yaml} parses, points its probes at
 * the paths the starter serves, and gives graceful shutdown the time it is configured to
 * take.
 */
class KubernetesManifestTests {

	private static final HealthProbeProperties STARTER_DEFAULTS = new HealthProbeProperties();

	private static List<Map<String, Object>> documents;

	@BeforeAll
	static void loadManifest() throws IOException {
		documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(Path.of("../ops/k8s/deployment.yaml"))) {
			new Yaml().loadAll(reader).forEach((document) -> documents.add(map(document)));
		}
	}

	@Test
	void holdsADeploymentAndAService() {
		assertThat(documents).extracting((document) -> document.get("kind")).containsExactly("Deployment", "Service");
	}

	@Test
	void probesCallTheStarterPathsOnTheHttpPort() {
		Map<String, Object> container = container();
		assertThat(probePath(container, "startupProbe")).isEqualTo(STARTER_DEFAULTS.getStartup().getPath());
		assertThat(probePath(container, "livenessProbe")).isEqualTo(STARTER_DEFAULTS.getLiveness().getPath());
		assertThat(probePath(container, "readinessProbe")).isEqualTo(STARTER_DEFAULTS.getReadiness().getPath());
		assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("port")).isEqualTo("http");
		assertThat(list(container.get("ports"))).singleElement()
			.satisfies(
					(port) -> assertThat(map(port)).containsEntry("name", "http").containsEntry("containerPort", 8080));
	}

	@Test
	void livenessGivesUpLaterThanReadiness() {
		Map<String, Object> container = container();
		assertThat(failureWindowSeconds(container, "livenessProbe"))
			.isGreaterThan(failureWindowSeconds(container, "readinessProbe"));
	}

	@Test
	void terminationGraceCoversPreStopAndGracefulShutdown() {
		Map<String, Object> container = container();
		Map<String, String> env = new HashMap<>();
		list(container.get("env"))
			.forEach((entry) -> env.put((String) map(entry).get("name"), String.valueOf(map(entry).get("value"))));
		assertThat(env).containsEntry("SERVER_SHUTDOWN", "graceful");
		Duration shutdownPhase = DurationStyle.detectAndParse(env.get("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE"));
		int preStopSleep = (int) map(map(map(container.get("lifecycle")).get("preStop")).get("sleep")).get("seconds");
		int grace = (int) podSpec().get("terminationGracePeriodSeconds");
		assertThat(grace).isGreaterThan(preStopSleep + (int) shutdownPhase.toSeconds());
	}

	@Test
	void podsAreScrapedOnMetricsAtPort8080() {
		Map<String, Object> annotations = map(map(template().get("metadata")).get("annotations"));
		assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/path", "/metrics")
			.containsEntry("prometheus.io/port", "8080");
	}

	@Test
	void serviceSelectsThePodsOnTheHttpPort() {
		Map<String, Object> serviceSpec = map(documents.get(1).get("spec"));
		assertThat(map(serviceSpec.get("selector"))).isEqualTo(map(template().get("metadata")).get("labels"));
		assertThat(map(list(serviceSpec.get("ports")).get(0))).containsEntry("targetPort", "http");
	}

	private static int failureWindowSeconds(Map<String, Object> container, String probe) {
		Map<String, Object> settings = map(container.get(probe));
		return (int) settings.get("periodSeconds") * (int) settings.get("failureThreshold");
	}

	private static Object probePath(Map<String, Object> container, String probe) {
		return map(map(container.get(probe)).get("httpGet")).get("path");
	}

	private static Map<String, Object> template() {
		return map(map(documents.get(0).get("spec")).get("template"));
	}

	private static Map<String, Object> podSpec() {
		return map(template().get("spec"));
	}

	private static Map<String, Object> container() {
		return map(list(podSpec().get("containers")).get(0));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

}
