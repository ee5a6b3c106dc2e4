package io.selfobs.sample.pki.est;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.selfobs.sample.pki.PkiIntegrationTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The curl + openssl walk-through script against the running app: enrolls, verifies the
 * chain with {@code openssl verify}, re-enrolls over mutual TLS.
 */
class EstEnrollScriptTests extends PkiIntegrationTests {

	@TempDir
	Path out;

	@Test
	void scriptEnrollsVerifiesAndReenrollsADevice() throws Exception {
		assumeTrue(onPath("curl") && onPath("openssl"), "curl and openssl are needed");
		Map<String, String> environment = Map.of("EST_URL", "https://localhost:" + this.estServer.port(),
				"TRUST_ANCHOR", DATA_DIR.resolve("tls/est-tls-ca.crt").toString(), "DMS", "demo", "DEVICE_ID",
				"script-device", "OUT_DIR", this.out.resolve("enrolled").toString());
		Process process = run(environment);

		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("device.crt: OK").contains("renewed.crt: OK").contains("Enrolled script-device");
		Map<String, Object> device = this.api.get()
			.uri("/api/devmanager/v1/devices/script-device")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(Files.readString(this.out.resolve("enrolled/renewed.crt"))).startsWith("subject=CN = script-device");
		assertThat(device).containsEntry("status", "ACTIVE");
	}

	private Process run(Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash",
				Path.of("scripts/est-enroll.sh").toAbsolutePath().toString())
			.redirectErrorStream(true)
			.directory(this.out.toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static boolean onPath(String command) throws Exception {
		return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
	}

}
