package io.selfobs.autoconfigure.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus' own {@code promtool check metrics} on a scrape. CI installs it (Debian
 * package {@code prometheus}); a developer machine without it skips, CI never does.
 */
public final class Promtool {

	private Promtool() {
	}

	/**
	 * Check an exposition with promtool.
	 * @param exposition the scraped text
	 * @return promtool's combined output; empty when the exposition is clean
	 * @throws IOException if promtool cannot be run
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static CheckResult check(String exposition) throws IOException, InterruptedException {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		boolean present = new ProcessBuilder("sh", "-c", "command -v promtool").start().waitFor() == 0;
		if (!present && ci) {
			throw new IllegalStateException("promtool is missing: .ci/run must install the Debian package prometheus");
		}
		Assumptions.assumeTrue(present, "promtool not installed (apt-get install prometheus)");
		Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
		process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return new CheckResult(process.exitValue(), output);
	}

	/**
	 * What promtool said.
	 *
	 * @param exitCode 0 when clean, 3 for lint findings only, 1 for a format error
	 * @param output lint findings and errors
	 */
	public record CheckResult(int exitCode, String output) {

		/**
		 * Lint findings on names Micrometer's own JVM and system binders choose and on
		 * the OpenTelemetry semantic conventions' {@code db.client.connection.count};
		 * renaming them would break every existing dashboard, so they are accepted (and
		 * documented in the README).
		 */
		static final Set<String> UPSTREAM_NAMING_FINDINGS = Set.of(
				"db_client_connection_count non-histogram and non-summary metrics should not have \"_count\" suffix",
				"jvm_compilation_time_ms_total metric names should not contain abbreviated units",
				"process_cpu_time_ns_total metric names should not contain abbreviated units",
				"system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix");

		/**
		 * Whether the exposition parses and has no finding beyond the accepted upstream
		 * names.
		 * @return whether it is clean
		 */
		public boolean isClean() {
			return (this.exitCode == 0 || this.exitCode == 3)
					&& this.output.lines().allMatch(UPSTREAM_NAMING_FINDINGS::contains);
		}

	}

}
