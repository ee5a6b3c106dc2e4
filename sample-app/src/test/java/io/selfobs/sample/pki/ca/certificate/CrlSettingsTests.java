package io.selfobs.sample.pki.ca.certificate;

import java.nio.file.Path;

import io.selfobs.sample.pki.PkiApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A CRL validity that cannot work stops startup with a message naming the property and
 * the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class CrlSettingsTests {

	@TempDir
	Path dataDir;

	@Test
	void nonPositiveCrlNextUpdateStopsStartup(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(PkiApplication.class).run("--server.port=0",
					"--pki.est.port=0", "--pki.data-dir=" + this.dataDir, "--pki.ca.crl-next-update=0s",
					"--pki.outbox.worker-enabled=false", "--management.otlp.metrics.export.enabled=false"))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("pki.ca.crl-next-update");
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value '0s' for configuration property 'pki.ca.crl-next-update'",
				"It must be a positive duration of at most 365 days, for example '24h'");
	}

}
