package io.selfobs.sample.pki.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.selfobs.sample.pki.PkiApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A setting of any slice that cannot work stops startup, before anything is served, with
 * a failure analysis that names the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class SliceSettingsTests {

	@TempDir
	Path dataDir;

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					pki.roles                                | ''     | is empty: this instance would serve nothing     | Set pki.roles to 'ca', 'est' or 'ca,est'
					pki.inventory.refresh-interval           | 0s     | must be a positive duration                     | such as '30s'
					pki.inventory.expiring-threshold         | -1d    | must be a duration of zero or more              | such as '30d'
					pki.est.port                             | 70000  | must be between 0 and 65535, got 70000          | to a value in that range
					pki.est.default-dms                      | ' '    | is empty                                        | the id of the DMS
					pki.outbox.batch-size                    | 0      | must be at least 1, got 0                       | to a positive number
					pki.outbox.initial-backoff               | 0ms    | must be a positive duration                     | such as '1s'
					pki.outbox.poll-interval                 | 0ms    | must be a positive duration                     | such as '500ms'
					pki.security.max-request-body            | 0B     | must be a positive size                         | such as '64KB'
					""")
	void unusableSettingStopsStartupNamingTheProperty(String property, String value, String problem, String fix,
			CapturedOutput output) {
		Map<String, Object> settings = new LinkedHashMap<>(Map.of("server.port", 0, "pki.est.port", 0, "pki.data-dir",
				this.dataDir, "management.server.port", 0, "management.otlp.metrics.export.enabled", false));
		settings.put(property, value);
		String[] args = settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new);
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(PkiApplication.class).run(args))
			.havingRootCause()
			.isInstanceOf(InvalidPkiPropertyException.class)
			.withMessage("Configuration property '" + property + "' " + problem);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Configuration property '" + property + "' " + problem, fix);
	}

}
