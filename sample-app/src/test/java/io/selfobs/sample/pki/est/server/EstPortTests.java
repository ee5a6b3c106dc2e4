package io.selfobs.sample.pki.est.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.RawHttp;
import io.selfobs.sample.pki.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device-facing EST port serves EST and nothing else: the operator API, actuator,
 * probes and the scrape endpoint answer 404 there (without a password being checked), and
 * stay on the main port.
 */
class EstPortTests extends PkiIntegrationTests {

	private static final List<String> NON_EST_PATHS = List.of("/", "/metrics", "/actuator", "/actuator/prometheus",
			"/actuator/health", "/actuator/env", "/livez", "/readyz", "/startupz", "/healthz", "/error",
			"/api/ca/v1/cas", "/api/ca/v1/cas/root-ca", "/api/ca/v1/cas/root-ca/crl",
			"/api/ca/v1/cas/root-ca/certificates/sign", "/api/ca/v1/certificates", "/api/dmsmanager/v1/dms",
			"/api/devmanager/v1/devices", "/.well-known/est", "/.well-known/other", "/favicon.ico");

	private static final String OPERATOR_BASIC = "Basic "
			+ Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes());

	@Test
	void everyNonEstPathOnTheEstPortIsNotFoundEvenForTheOperator() throws Exception {
		HttpClient https = TestPki.https(DATA_DIR, null);
		double refused = refusals();
		double logins = count("security.events", "category", "authentication", "action", "api-basic-login", "outcome",
				"failure");
		for (String path : NON_EST_PATHS) {
			for (String method : List.of("GET", "POST")) {
				HttpResponse<String> response = https.send(HttpRequest.newBuilder(estPort(path))
					.header("Authorization", OPERATOR_BASIC)
					.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString("{}"))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(404);
				assertThat(response.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
				assertThat(response.body()).as("%s %s", method, path)
					.startsWith("Not found: this port serves EST")
					.doesNotContain("jvm_")
					.doesNotContain("root-ca");
			}
		}
		assertThat(refusals()).isEqualTo(refused + 2 * NON_EST_PATHS.size());
		assertThat(count("security.events", "category", "authentication", "action", "api-basic-login", "outcome",
				"failure"))
			.isEqualTo(logins);
	}

	@Test
	void pathTricksDoNotReachAnythingButEst() throws Exception {
		SSLContext tls = TestPki.sslContext(DATA_DIR, null);
		for (String path : List.of("/.well-known/est/../../metrics", "/.well-known/est/%2e%2e/%2e%2e/metrics",
				"/.well-known/est/..;/..;/metrics", "/.well-known/est/..%2f..%2fmetrics", "//metrics",
				"/metrics;/.well-known/est/", "/.well-known/est/../../api/ca/v1/cas", "/%2Fmetrics",
				"/.well-known/est/..\\..\\metrics")) {
			RawHttp.Response response = RawHttp.tls(tls, "127.0.0.1", this.estServer.port(), "GET", path,
					Map.of("Authorization", OPERATOR_BASIC), null);
			assertThat(response.status()).as(path).isIn(400, 404);
			assertThat(response.body()).as(path).doesNotContain("jvm_").doesNotContain("root-ca");
		}
	}

	@Test
	void theMainPortKeepsServingWhatTheEstPortRefuses() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/metrics", "/livez", "/readyz", "/startupz", "/healthz",
				"/api/ca/v1/cas/root-ca/crl")) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(mainPort(path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
		assertThat(http
			.send(HttpRequest.newBuilder(mainPort("/api/ca/v1/cas")).header("Authorization", OPERATOR_BASIC).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		HttpResponse<String> cacerts = TestPki.https(DATA_DIR, null)
			.send(HttpRequest.newBuilder(estPort("/.well-known/est/cacerts")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(cacerts.statusCode()).isEqualTo(200);
	}

	private double refusals() {
		return count("security.events", "category", "network", "action", "est-port-path-refused", "outcome", "failure");
	}

	private URI estPort(String path) {
		return URI.create("https://localhost:" + this.estServer.port() + path);
	}

	private URI mainPort(String path) {
		return URI.create("http://localhost:" + this.httpPort + path);
	}

}
