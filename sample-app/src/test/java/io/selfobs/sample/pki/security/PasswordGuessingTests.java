package io.selfobs.sample.pki.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.selfobs.autoconfigure.test.EcsLogValidator;
import io.selfobs.sample.pki.ConsoleOutput;
import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.RawHttp;
import io.selfobs.sample.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password guesser gets ten checked guesses per address; the rest are refused without a
 * BCrypt, counted, and the operator at another address is not locked out. Each client is
 * a distinct loopback source address (the app does not trust {@code X-Forwarded-For}: the
 * address is the TCP peer's).
 */
@ExtendWith(OutputCaptureExtension.class)
class PasswordGuessingTests extends PkiIntegrationTests {

	@Test
	void fiftyWrongOperatorPasswordsAreThrottledWithoutLockingOutTheOperatorElsewhere(CapturedOutput output)
			throws Exception {
		int outputStart = output.getOut().length();
		String guesser = "127.0.0.3";
		double checkedFailures = events("api-basic-login");
		double throttled = events("api-login-throttled");
		int unauthorized = 0;
		int tooMany = 0;
		for (int i = 0; i < 50; i++) {
			RawHttp.Response response = RawHttp.plain(guesser, this.httpPort, "GET", "/api/ca/v1/cas",
					Map.of("Authorization", basic(OPERATOR, "guess-" + i)), null);
			if (response.status() == 401) {
				unauthorized++;
			}
			else {
				assertThat(response.status()).isEqualTo(429);
				assertThat(response.header("Content-Type")).startsWith("application/problem+json");
				assertThat(response.body()).contains("urn:selfobs:pki:problem:too-many-failed-logins");
				assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
				tooMany++;
			}
		}

		assertThat(unauthorized).as("passwords checked").isEqualTo(10);
		assertThat(tooMany).as("guesses refused unchecked").isEqualTo(40);
		assertThat(events("api-basic-login")).isEqualTo(checkedFailures + 10);
		assertThat(events("api-login-throttled")).isEqualTo(throttled + 40);
		assertThat(RawHttp
			.plain(guesser, this.httpPort, "GET", "/api/ca/v1/cas",
					Map.of("Authorization", basic(OPERATOR, OPERATOR_PASSWORD)), null)
			.status()).as("the right password from the throttled address is not checked either").isEqualTo(429);
		assertThat(RawHttp
			.plain("127.0.0.2", this.httpPort, "GET", "/api/ca/v1/cas",
					Map.of("Authorization", basic(OPERATOR, OPERATOR_PASSWORD)), null)
			.status()).as("the operator at another address").isEqualTo(200);
		String written = ConsoleOutput.since(output, outputStart, (since) -> since.contains("api-login-throttled"));
		List<JsonNode> lines = EcsLogValidator.load().validateLines(written);
		List<JsonNode> throttledEvents = lines.stream()
			.filter((line) -> "api-login-throttled".equals(line.path("event.action").asString(null)))
			.toList();
		assertThat(throttledEvents).as("one line when the address starts being refused").hasSize(1);
		JsonNode event = throttledEvents.get(0);
		assertThat(event.get("event.category").isArray()).isTrue();
		assertThat(event.get("event.category").get(0).asString()).isEqualTo("authentication");
		assertThat(event.get("event.type").get(0).asString()).isEqualTo("start");
		assertThat(event.get("event.outcome").asString()).isEqualTo("failure");
		assertThat(event.get("client.ip").asString()).isEqualTo(guesser);
		assertThat(written).doesNotContain("guess-");
	}

	@Test
	void guessesAgainstAnHttpBasicDmsAreThrottledToo() throws Exception {
		Map<String, Object> dms = new HashMap<>();
		dms.put("id", "basic-guarded");
		dms.put("name", "basic-guarded");
		dms.put("issuingCaId", "root-ca");
		dms.put("authMode", "HTTP_BASIC");
		assertThat(this.api.post()
			.uri("/api/dmsmanager/v1/dms")
			.body(dms)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);
		SSLContext tls = TestPki.sslContext(DATA_DIR, null);
		String csr = TestPki.base64(TestPki.csr("guarded-device", TestPki.ecKey()));
		double throttled = count("est.enrollment.failed", "dms_id", "basic-guarded", "failure_reason",
				"auth_throttled");
		double throttledEvents = events("est-auth-throttled");

		List<Integer> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			RawHttp.Response response = RawHttp.tls(tls, "127.0.0.4", this.estServer.port(), "POST",
					"/.well-known/est/basic-guarded/simpleenroll",
					Map.of("Authorization", basic(OPERATOR, "guess-" + i), "Content-Type", "application/pkcs10"), csr);
			statuses.add(response.status());
			if (response.status() == 429) {
				assertThat(response.body()).startsWith("auth_throttled: ");
				assertThat(response.header("Retry-After")).isNotBlank();
			}
		}

		assertThat(statuses.subList(0, 10)).containsOnly(401);
		assertThat(statuses.subList(10, 12)).containsOnly(429);
		assertThat(count("est.enrollment.failed", "dms_id", "basic-guarded", "failure_reason", "auth_throttled"))
			.isEqualTo(throttled + 2);
		assertThat(events("est-auth-throttled")).isEqualTo(throttledEvents + 2);
		assertThat(RawHttp
			.tls(tls, "127.0.0.5", this.estServer.port(), "POST", "/.well-known/est/basic-guarded/simpleenroll",
					Map.of("Authorization", basic(OPERATOR, OPERATOR_PASSWORD), "Content-Type", "application/pkcs10"),
					csr)
			.status()).isEqualTo(200);
	}

	private double events(String action) {
		return count("security.events", "category", "authentication", "action", action, "outcome", "failure");
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
