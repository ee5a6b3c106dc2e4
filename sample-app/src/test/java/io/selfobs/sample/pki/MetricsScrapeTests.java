package io.selfobs.sample.pki;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selfobs.autoconfigure.test.Promtool;
import io.selfobs.sample.pki.device.DeviceService;
import org.bouncycastle.est.ESTException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One enrollment and one refusal, seen on a {@code /metrics} scrape under the Prometheus names dashboards use; the
 * scrape passes {@code promtool check metrics}.
 */
class MetricsScrapeTests extends PkiIntegrationTests {

	@Autowired
	private DeviceService devices;

	@Test
	void enrollmentAndRefusalMoveThePrometheusSeries() throws Exception {
		String before = scrape();

		TestPki.est(this.estServer.port(), DATA_DIR, "demo", null)
			.simpleEnroll(false, TestPki.csr("scraped-device", TestPki.ecKey()), null);
		ESTException refused = catchThrowableOfType(ESTException.class,
				() -> TestPki.est(this.estServer.port(), DATA_DIR, "factory", null)
					.simpleEnroll(false, TestPki.csr("scraped-intruder", TestPki.ecKey()), null));
		assertThat(refused.getStatusCode()).isEqualTo(401);
		this.devices.refreshStatusGauge();
		String after = scrape();

		for (String stage : new String[] { "received", "authenticated", "validated", "signed", "issued" }) {
			assertMoved(before, after, "est_enrollment_total", "dms_id=\"demo\",operation=\"simpleenroll\",stage=\"" + stage + "\"", 1);
		}
		assertMoved(before, after, "est_enrollment_success_total", "dms_id=\"demo\",operation=\"simpleenroll\"", 1);
		assertMoved(before, after, "est_enrollment_failed_total", "dms_id=\"factory\",failure_reason=\"auth_required\"", 1);
		assertMoved(before, after, "ca_certificates_issued_total", "ca_id=\"root-ca\"", 1);
		assertMoved(before, after, "device_enrollments_total", "dms_id=\"demo\",operation=\"simpleenroll\"", 1);
		assertThat(after).containsPattern("ca_sign_operation_duration_seconds_bucket\\{[^}]*ca_id=\"root-ca\"")
			.containsPattern("est_operation_duration_seconds_count\\{[^}]*operation=\"simpleenroll\"")
			.containsPattern("crypto_operation_duration_seconds_count\\{[^}]*engine_id=\"software\"[^}]*operation_type=\"sign\"")
			.containsPattern("ca_info\\{[^}]*ca_id=\"root-ca\"[^}]*engine_type=\"software\"[^}]*status=\"ACTIVE\"")
			.containsPattern("devices\\{[^}]*status=\"ACTIVE\"")
			.contains("outbox_pending_events")
			.doesNotContain("scraped-device");
		Promtool.CheckResult check = Promtool.check(after);
		assertThat(check.isClean()).as(check.output()).isTrue();
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static void assertMoved(String before, String after, String name, String labels, double by) {
		assertThat(value(after, name, labels) - value(before, name, labels)).as("%s{%s}", name, labels).isEqualTo(by);
	}

	/**
	 * The value of the one sample of {@code name} whose labels include {@code labels} (other labels allowed).
	 */
	private static double value(String scrape, String name, String labels) {
		Matcher matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)").matcher(scrape);
		double total = 0;
		while (matcher.find()) {
			if (containsAll(matcher.group(1), labels)) {
				total += Double.parseDouble(matcher.group(2));
			}
		}
		return total;
	}

	private static boolean containsAll(String actual, String expected) {
		for (String label : expected.split(",")) {
			if (!actual.contains(label)) {
				return false;
			}
		}
		return true;
	}

}
