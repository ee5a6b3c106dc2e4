package io.selfobs.sample.pki.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.selfobs.sample.pki.PrometheusServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule files pass {@code promtool check rules}, their unit tests pass
 * {@code promtool test rules}, and every alert has a unit test in which it fires on a bad
 * series and one in which it stays silent.
 */
class RuleFilesTests {

	@Test
	void promtoolChecksTheRuleFilesClean() throws Exception {
		List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
		OpsKit.ruleFiles().forEach((file) -> command.add(file.toString()));
		assertThat(promtool(command)).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void promtoolUnitTestsOfTheRulesPass() throws Exception {
		List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
		OpsKit.files(OpsKit.RULE_TESTS, ".test.yaml").forEach((file) -> command.add(file.toString()));
		assertThat(promtool(command)).doesNotContain("FAILED");
	}

	@Test
	void promtoolChecksThePrometheusConfiguration() throws Exception {
		assertThat(promtool(
				List.of("promtool", "check", "config", OpsKit.ROOT.resolve("prometheus/prometheus.yaml").toString())))
			.contains("SUCCESS")
			.doesNotContain("FAILED");
	}

	@Test
	void everyAlertFiresInAUnitTestAndStaysSilentInAnother() {
		Set<String> alerts = new HashSet<>();
		Set<String> testedRuleFiles = new HashSet<>();
		OpsKit.ruleFiles()
			.forEach((file) -> OpsKit.rules(file)
				.stream()
				.filter((rule) -> rule.containsKey("alert"))
				.forEach((rule) -> alerts.add((String) rule.get("alert"))));
		Set<String> fires = new HashSet<>();
		Set<String> silent = new HashSet<>();
		for (Path file : OpsKit.files(OpsKit.RULE_TESTS, ".test.yaml")) {
			Map<String, Object> unitTests = OpsKit.yaml(file);
			OpsKit.list(unitTests.get("rule_files"))
				.forEach((ruleFile) -> testedRuleFiles
					.add(file.getParent().resolve((String) ruleFile).normalize().toString()));
			for (Object test : OpsKit.list(unitTests.get("tests"))) {
				for (Object item : OpsKit.list(OpsKit.map(test).getOrDefault("alert_rule_test", List.of()))) {
					Map<String, Object> check = OpsKit.map(item);
					String alert = (String) check.get("alertname");
					(OpsKit.list(check.getOrDefault("exp_alerts", List.of())).isEmpty() ? silent : fires).add(alert);
				}
			}
		}
		assertThat(testedRuleFiles).containsExactlyInAnyOrderElementsOf(
				OpsKit.ruleFiles().stream().map((file) -> file.normalize().toString()).toList());
		assertThat(fires).as("alerts with a unit test in which they fire").containsAll(alerts);
		assertThat(silent).as("alerts with a unit test in which they stay silent").containsAll(alerts);
	}

	static String promtool(List<String> command) throws Exception {
		PrometheusServer.assumeInstalled("promtool");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
