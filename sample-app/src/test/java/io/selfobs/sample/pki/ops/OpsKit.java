package io.selfobs.sample.pki.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of the operator kit ({@code ops/} at the repository root) as the tests read
 * them: dashboards, their panels and queries, rule files and their rules.
 */
final class OpsKit {

	static final Path ROOT = Path.of("..", "ops").toAbsolutePath().normalize();

	static final Path DASHBOARDS = ROOT.resolve("dashboards");

	static final Path RULES = ROOT.resolve("prometheus/rules");

	static final Path RULE_TESTS = ROOT.resolve("prometheus/tests");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)");

	private OpsKit() {
	}

	static List<Path> files(Path dir, String suffix) {
		try (Stream<Path> files = Files.list(dir)) {
			List<Path> found = files.filter((file) -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
			assertThat(found).as("%s files in %s", suffix, dir).isNotEmpty();
			return found;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> dashboardFiles() {
		return files(DASHBOARDS, ".json");
	}

	static List<Path> ruleFiles() {
		return files(RULES, ".rules.yaml");
	}

	static Map<String, Object> json(Path file) {
		try {
			return map(JSON.readValue(Files.readString(file), Map.class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> yaml(Path file) {
		try {
			return map(new Yaml().load(Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every panel of a dashboard, rows' nested panels included, rows themselves excluded.
	 * @param dashboard the parsed dashboard
	 * @return the panels
	 */
	static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
		List<Map<String, Object>> panels = new ArrayList<>();
		for (Object item : list(dashboard.get("panels"))) {
			Map<String, Object> panel = map(item);
			if ("row".equals(panel.get("type"))) {
				list(panel.getOrDefault("panels", List.of())).forEach((nested) -> panels.add(map(nested)));
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	static List<Map<String, Object>> targets(Map<String, Object> panel) {
		return list(panel.getOrDefault("targets", List.of())).stream().map(OpsKit::map).toList();
	}

	static String dataSourceType(Map<String, Object> panelOrTarget) {
		Object dataSource = panelOrTarget.get("datasource");
		return (dataSource instanceof Map<?, ?> ref) ? String.valueOf(ref.get("type")) : null;
	}

	static List<Map<String, Object>> variables(Map<String, Object> dashboard) {
		return list(map(dashboard.get("templating")).get("list")).stream().map(OpsKit::map).toList();
	}

	/**
	 * Every rule of a rule file, alerts and recording rules.
	 * @param file the rule file
	 * @return the rules in file order
	 */
	static List<Map<String, Object>> rules(Path file) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object group : list(yaml(file).get("groups"))) {
			list(map(group).get("rules")).forEach((rule) -> rules.add(map(rule)));
		}
		return rules;
	}

	/**
	 * Replace Grafana template variables as Grafana would before sending a query:
	 * {@code $name}, {@code ${name}} and {@code ${name:format}}.
	 * @param query the query
	 * @param values the value of each variable
	 * @return the query Prometheus receives
	 */
	static String substitute(String query, Map<String, String> values) {
		Matcher matcher = VARIABLE.matcher(query);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			String value = values.get(name);
			assertThat(value).as("value for template variable $%s in %s", name, query).isNotNull();
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * The PromQL of a Grafana {@code label_values(selector, label)} variable query: the
	 * label's values are the groups of {@code count by (label) (selector)}.
	 * @param definition the variable query
	 * @return the equivalent PromQL and label
	 */
	static Map.Entry<String, String> labelValuesQuery(String definition) {
		Matcher matcher = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)").matcher(definition);
		assertThat(matcher.matches()).as("label_values query: %s", definition).isTrue();
		return Map.entry("count by (" + matcher.group(2) + ") (" + matcher.group(1) + ")", matcher.group(2));
	}

	static Map<String, String> values(String... keyValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put(keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

}
