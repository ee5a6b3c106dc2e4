package io.selfobs.sample.pki.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards are importable as they are into any Grafana: JSON that parses, data
 * sources chosen through template variables (never a data-source UID of one
 * installation), a query on every panel, the job/instance/service variables, unique panel
 * ids and a layout that stays within Grafana's 24 columns.
 */
class DashboardStructureTests {

	private static final Set<String> DATA_SOURCE_VARIABLES = Set.of("${datasource}", "${loki}", "${tempo}");

	@Test
	void everyDashboardIsSelfContainedForImport() {
		for (Path file : OpsKit.dashboardFiles()) {
			Map<String, Object> dashboard = OpsKit.json(file);
			assertThat(dashboard.get("id")).as("%s: id must be null for import", file).isNull();
			assertThat((String) dashboard.get("uid")).as("%s uid", file)
				.startsWith("selfobs-")
				.hasSizeLessThanOrEqualTo(40);
			assertThat((String) dashboard.get("title")).startsWith("selfobs / ");
			assertThat(dashboard).containsKeys("schemaVersion", "time", "templating", "panels")
				.doesNotContainKey("__inputs");
			assertThat(OpsKit.list(dashboard.get("tags"))).contains("selfobs");
		}
	}

	@Test
	void noDataSourceUidIsHardCoded() throws Exception {
		Pattern uid = Pattern.compile("\"uid\"\\s*:\\s*\"([^\"]*)\"");
		for (Path file : OpsKit.dashboardFiles()) {
			String uidOfDashboard = (String) OpsKit.json(file).get("uid");
			Matcher matcher = uid.matcher(Files.readString(file));
			while (matcher.find()) {
				String value = matcher.group(1);
				assertThat(value.equals(uidOfDashboard) || DATA_SOURCE_VARIABLES.contains(value))
					.as("%s: uid \"%s\" must be a data-source variable", file.getFileName(), value)
					.isTrue();
			}
		}
	}

	@Test
	void templateVariablesSelectTheDataSourceJobInstanceAndService() {
		for (Path file : OpsKit.dashboardFiles()) {
			Map<String, Object> dashboard = OpsKit.json(file);
			List<Map<String, Object>> variables = OpsKit.variables(dashboard);
			Map<String, Object> dataSource = variables.get(0);
			assertThat(dataSource).containsEntry("type", "datasource")
				.containsEntry("name", "datasource")
				.containsEntry("query", "prometheus");
			assertThat(variables).extracting((variable) -> variable.get("name")).contains("job", "instance", "service");
			for (Map<String, Object> variable : variables) {
				if ("query".equals(variable.get("type"))) {
					assertThat(OpsKit.map(variable.get("datasource"))).containsEntry("uid", "${datasource}");
					OpsKit.labelValuesQuery((String) variable.get("definition"));
					assertThat(variable).containsEntry("includeAll", true).containsKey("allValue");
				}
			}
			Set<String> defined = new HashSet<>();
			variables.forEach((variable) -> defined.add((String) variable.get("name")));
			for (Map<String, Object> panel : OpsKit.panels(dashboard)) {
				String ref = (String) OpsKit.map(panel.get("datasource")).get("uid");
				assertThat(defined).as("%s / %s data source", file.getFileName(), panel.get("title"))
					.contains(ref.substring(2, ref.length() - 1));
			}
		}
	}

	@Test
	void everyPanelHasADataSourceAndAQueryOfItsKind() {
		for (Path file : OpsKit.dashboardFiles()) {
			for (Map<String, Object> panel : OpsKit.panels(OpsKit.json(file))) {
				String where = file.getFileName() + " / " + panel.get("title");
				String type = OpsKit.dataSourceType(panel);
				assertThat(type).as(where).isIn("prometheus", "loki", "tempo");
				assertThat((String) panel.get("description")).as(where).isNotBlank();
				List<Map<String, Object>> targets = OpsKit.targets(panel);
				assertThat(targets).as(where).isNotEmpty();
				for (Map<String, Object> target : targets) {
					assertThat(OpsKit.dataSourceType(target)).as(where).isEqualTo(type);
					String query = (String) target.get("tempo".equals(type) ? "query" : "expr");
					assertThat(query).as(where).isNotBlank();
				}
			}
		}
	}

	@Test
	void panelIdsAreUniqueAndTheLayoutFitsTheGrid() {
		for (Path file : OpsKit.dashboardFiles()) {
			Set<Object> ids = new HashSet<>();
			for (Object item : OpsKit.list(OpsKit.json(file).get("panels"))) {
				Map<String, Object> panel = OpsKit.map(item);
				assertThat(ids.add(panel.get("id"))).as("%s: duplicate panel id %s", file, panel.get("id")).isTrue();
				Map<String, Object> grid = OpsKit.map(panel.get("gridPos"));
				assertThat((int) grid.get("x") + (int) grid.get("w")).as("%s / %s", file, panel.get("title"))
					.isLessThanOrEqualTo(24);
			}
		}
	}

}
