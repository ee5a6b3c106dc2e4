package io.selfobs.sample.pki.ops;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes resources under {@code ops/k8s/generated} are generated from the one
 * source of each rule and dashboard ({@code ops/prometheus/rules/*.rules.yaml},
 * {@code ops/dashboards/*.json}): this test is the generator. It renders them and fails
 * when the committed files differ; run with {@code -Dops.regenerate=true} to write them
 * (docs/ops.md). The rendered resources embed the sources verbatim, comments included.
 */
class GeneratedKubernetesManifestsTests {

	static final Path GENERATED = OpsKit.ROOT.resolve("k8s/generated");

	static final String RULES_FILE = "prometheusrules.yaml";

	static final String DASHBOARDS_FILE = "grafana-dashboards.yaml";

	private static final String REGENERATE = "mvn -B -pl sample-app -am test -Dtest=GeneratedKubernetesManifestsTests "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -Dops.regenerate=true";

	@Test
	void prometheusRulesAreGeneratedFromTheRuleFiles() throws IOException {
		assertUpToDate(RULES_FILE, prometheusRules());
	}

	@Test
	void dashboardConfigMapsAreGeneratedFromTheDashboards() throws IOException {
		assertUpToDate(DASHBOARDS_FILE, dashboardConfigMaps());
	}

	@Test
	void eachPrometheusRuleHoldsExactlyTheGroupsOfItsRuleFile() throws IOException {
		List<Map<String, Object>> resources = documents(RULES_FILE);
		List<Path> sources = OpsKit.ruleFiles();
		assertThat(resources).hasSameSizeAs(sources);
		for (int i = 0; i < sources.size(); i++) {
			Map<String, Object> resource = resources.get(i);
			assertThat(resource).containsEntry("apiVersion", "monitoring.coreos.com/v1")
				.containsEntry("kind", "PrometheusRule");
			assertThat(OpsKit.map(resource.get("spec")).get("groups"))
				.isEqualTo(OpsKit.yaml(sources.get(i)).get("groups"));
		}
	}

	@Test
	void eachConfigMapHoldsExactlyItsDashboardForTheGrafanaSidecar() throws IOException {
		List<Map<String, Object>> resources = documents(DASHBOARDS_FILE);
		List<Path> sources = OpsKit.dashboardFiles();
		assertThat(resources).hasSameSizeAs(sources);
		for (int i = 0; i < sources.size(); i++) {
			Map<String, Object> resource = resources.get(i);
			Map<String, Object> metadata = OpsKit.map(resource.get("metadata"));
			assertThat(resource).containsEntry("kind", "ConfigMap");
			assertThat(OpsKit.map(metadata.get("labels"))).containsEntry("grafana_dashboard", "1");
			String name = sources.get(i).getFileName().toString();
			Map<String, Object> data = OpsKit.map(resource.get("data"));
			assertThat(data).containsOnlyKeys(name);
			assertThat(Files.readString(sources.get(i))).isEqualTo(data.get(name));
		}
	}

	private static String prometheusRules() throws IOException {
		List<String> documents = new ArrayList<>();
		for (Path source : OpsKit.ruleFiles()) {
			String name = source.getFileName().toString().replace(".rules.yaml", "");
			String text = Files.readString(source);
			documents.add(header(OpsKit.ROOT.getParent().relativize(source)) + """
					apiVersion: monitoring.coreos.com/v1
					kind: PrometheusRule
					metadata:
					  name: selfobs-%s
					  labels:
					    app.kubernetes.io/part-of: selfobs
					    release: kube-prometheus-stack
					spec:
					%s""".formatted(name, indent(text.substring(text.indexOf("\ngroups:") + 1), 2)));
		}
		return String.join("---\n", documents);
	}

	private static String dashboardConfigMaps() throws IOException {
		List<String> documents = new ArrayList<>();
		for (Path source : OpsKit.dashboardFiles()) {
			String file = source.getFileName().toString();
			documents.add(header(OpsKit.ROOT.getParent().relativize(source)) + """
					apiVersion: v1
					kind: ConfigMap
					metadata:
					  name: selfobs-dashboard-%s
					  labels:
					    app.kubernetes.io/part-of: selfobs
					    grafana_dashboard: "1"
					  annotations:
					    grafana_folder: selfobs
					data:
					  %s: |
					%s""".formatted(file.replace(".json", ""), file, indent(Files.readString(source), 4)));
		}
		return String.join("---\n", documents);
	}

	private static String header(Path source) {
		return "# Generated from " + source + " by GeneratedKubernetesManifestsTests. Do not edit: change the source\n"
				+ "# and regenerate (docs/ops.md).\n";
	}

	private static String indent(String text, int spaces) {
		String prefix = " ".repeat(spaces);
		StringBuilder indented = new StringBuilder();
		text.lines().forEach((line) -> indented.append(line.isEmpty() ? "" : prefix + line).append('\n'));
		return indented.toString();
	}

	private static void assertUpToDate(String file, String expected) throws IOException {
		Path path = GENERATED.resolve(file);
		if (Boolean.getBoolean("ops.regenerate")) {
			Files.createDirectories(GENERATED);
			Files.writeString(path, expected);
		}
		assertThat(path).as("%s is missing; generate it with: %s", path, REGENERATE).exists();
		assertThat(Files.readString(path)).as("%s differs from its sources; regenerate it with: %s", path, REGENERATE)
			.isEqualTo(expected);
	}

	private static List<Map<String, Object>> documents(String file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		new Yaml().loadAll(new StringReader(Files.readString(GENERATED.resolve(file))))
			.forEach((document) -> documents.add(OpsKit.map(document)));
		return documents;
	}

}
