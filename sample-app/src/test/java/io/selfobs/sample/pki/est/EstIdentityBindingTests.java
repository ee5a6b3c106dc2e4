package io.selfobs.sample.pki.est;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.test.EcsLogValidator;
import io.selfobs.sample.pki.ConsoleOutput;
import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of a device on the device network against identities: re-enrolling on a DMS
 * with a certificate enrolled on another, and enrolling an id that belongs to another
 * DMS. Each is refused with its reason, counted and recorded as a security event, and
 * leaves the device bound to its DMS with its certificate.
 */
@ExtendWith(OutputCaptureExtension.class)
class EstIdentityBindingTests extends PkiIntegrationTests {

	private static final String PKCS10 = "application/pkcs10";

	@Test
	void aCertificateEnrolledOnDemoDoesNotReenrollOnFactory() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate demoCertificate = enroll(null, "demo", "roamer-1", key);
		Map<String, Object> before = device("roamer-1");

		HttpResponse<String> response = assertRefused("factory", "client_cert_wrong_dms", 403,
				() -> post(TestPki.clientKeyStore(key, demoCertificate), "factory", "simplereenroll",
						TestPki.csr("roamer-1", TestPki.ecKey())));

		assertThat(response.body()).contains("not issued through DMS 'factory'");
		assertThat(device("roamer-1")).isEqualTo(before)
			.containsEntry("dmsId", "demo")
			.containsEntry("certificateSerial", serial(demoCertificate));
	}

	@Test
	void aCertificateSignedOutsideEstDoesNotReenroll() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate outside = signWithKey("root-ca", "outsider-1", key);

		assertRefused("demo", "client_cert_wrong_dms", 403, () -> post(TestPki.clientKeyStore(key, outside), "demo",
				"simplereenroll", TestPki.csr("outsider-1", TestPki.ecKey())));
	}

	@Test
	void anAnonymousEnrollmentCannotTakeOverADeviceOfAnotherDms(CapturedOutput output) throws Exception {
		KeyPair bootstrapKey = TestPki.ecKey();
		X509Certificate bootstrap = signWithKey("bootstrap-ca", "line-9", bootstrapKey);
		register("victim-1", "factory");
		X509Certificate victimCertificate = enroll(TestPki.clientKeyStore(bootstrapKey, bootstrap), "factory",
				"victim-1", TestPki.ecKey());
		Map<String, Object> before = device("victim-1");
		assertThat(before).containsEntry("dmsId", "factory").containsEntry("status", "ACTIVE");

		HttpResponse<String> response = assertRefused("demo", "device_in_other_dms", 409,
				() -> post(null, "demo", "simpleenroll", TestPki.csr("victim-1", TestPki.ecKey())));

		assertThat(response.body()).contains("victim-1").contains("only an operator can move it");
		assertThat(device("victim-1")).isEqualTo(before)
			.containsEntry("dmsId", "factory")
			.containsEntry("certificateSerial", serial(victimCertificate));
		JsonNode refusal = EcsLogValidator.load()
			.validateLines(ConsoleOutput.since(output, 0, (written) -> written.contains("est-device-in-other-dms")))
			.stream()
			.filter((line) -> "est-device-in-other-dms".equals(line.path("event.action").asString(null)))
			.findFirst()
			.orElseThrow();
		assertThat(refusal.get("event.kind").asString()).isEqualTo("event");
		assertThat(refusal.get("event.category").isArray()).isTrue();
		assertThat(refusal.get("event.outcome").asString()).isEqualTo("failure");
		assertThat(refusal.get("failure_reason").asString()).isEqualTo("device_in_other_dms");
		assertThat(refusal.get("dms_id").asString()).isEqualTo("demo");
	}

	@Test
	void aPreRegisteredDeviceCannotBeClaimedOnAnotherDms() throws Exception {
		register("victim-2", "factory");
		Map<String, Object> before = device("victim-2");

		assertRefused("demo", "device_in_other_dms", 409,
				() -> post(null, "demo", "simpleenroll", TestPki.csr("victim-2", TestPki.ecKey())));

		assertThat(device("victim-2")).isEqualTo(before)
			.containsEntry("dmsId", "factory")
			.containsEntry("status", "REGISTERED");
	}

	@Test
	void anOperatorMovesADeviceWithItsCertificateToAnotherDms() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate demoCertificate = enroll(null, "demo", "mover-1", key);
		double moves = count("security.events", "category", "iam", "action", "device-moved", "outcome", "success");

		Map<String, Object> moved = this.api.post()
			.uri("/api/devmanager/v1/devices/mover-1/move")
			.body(Map.of("dmsId", "factory"))
			.retrieve()
			.body(JSON);

		assertThat(moved).containsEntry("dmsId", "factory").containsEntry("certificateSerial", serial(demoCertificate));
		assertThat(count("security.events", "category", "iam", "action", "device-moved", "outcome", "success"))
			.isEqualTo(moves + 1);
		KeyPair newKey = TestPki.ecKey();
		HttpResponse<String> renewed = post(TestPki.clientKeyStore(key, demoCertificate), "factory", "simplereenroll",
				TestPki.csr("mover-1", newKey));
		assertThat(renewed.statusCode()).isEqualTo(200);
		X509Certificate factoryCertificate = TestPki.certsOnly(renewed.body()).get(0);
		assertThat(device("mover-1")).containsEntry("dmsId", "factory")
			.containsEntry("certificateSerial", serial(factoryCertificate));

		assertRefused("demo", "client_cert_wrong_dms", 403,
				() -> post(TestPki.clientKeyStore(newKey, factoryCertificate), "demo", "simplereenroll",
						TestPki.csr("mover-1", TestPki.ecKey())));
		assertRefused("demo", "device_in_other_dms", 409,
				() -> post(null, "demo", "simpleenroll", TestPki.csr("mover-1", TestPki.ecKey())));
	}

	@Test
	void moveNamesAnExistingDeviceAndDms() {
		assertProblem(this.api.post().uri("/api/devmanager/v1/devices/nobody-here/move").body(Map.of("dmsId", "demo")),
				404, "not-found");
		register("stay-put", "demo");
		assertProblem(this.api.post().uri("/api/devmanager/v1/devices/stay-put/move").body(Map.of("dmsId", "nowhere")),
				400, "unknown-dms");
		assertThat(device("stay-put")).containsEntry("dmsId", "demo");
	}

	@Test
	void reenrollmentAcceptsTheCasOfTheAllowListAndOnlyTheIssuingCaWithoutOne() throws Exception {
		createCa("rotation-old");
		createCa("rotation-new");
		createDms("rotating", "rotation-old", List.of());
		KeyPair key = TestPki.ecKey();
		X509Certificate oldCertificate = enroll(null, "rotating", "rotated-1", key);

		// the DMS now issues from a new CA: without an allow-list, the old CA's
		// certificates no longer renew
		updateDms("rotating", "rotation-new", List.of());
		assertRefused("rotating", "client_cert_untrusted", 403, () -> post(TestPki.clientKeyStore(key, oldCertificate),
				"rotating", "simplereenroll", TestPki.csr("rotated-1", TestPki.ecKey())));

		// with both CAs allowed, the device renews onto the new CA
		updateDms("rotating", "rotation-new", List.of("rotation-old", "rotation-new"));
		HttpResponse<String> renewed = post(TestPki.clientKeyStore(key, oldCertificate), "rotating", "simplereenroll",
				TestPki.csr("rotated-1", TestPki.ecKey()));
		assertThat(renewed.statusCode()).isEqualTo(200);
		assertThat(TestPki.certsOnly(renewed.body()).get(0).getIssuerX500Principal().getName())
			.isEqualTo("CN=rotation-new");
	}

	private HttpResponse<String> assertRefused(String dmsId, String reason, int status, Request request)
			throws Exception {
		double failures = count("est.enrollment.failed", "dms_id", dmsId, "failure_reason", reason);
		String action = "est-" + reason.replace('_', '-');
		double events = count("security.events", "category", "authentication", "action", action, "outcome", "failure");
		Map<String, Long> rows = rowCounts();

		HttpResponse<String> response = request.send();

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).startsWith(reason + ": ");
		assertThat(count("est.enrollment.failed", "dms_id", dmsId, "failure_reason", reason)).isEqualTo(failures + 1);
		assertThat(count("security.events", "category", "authentication", "action", action, "outcome", "failure"))
			.as("security_events_total{action=%s}", action)
			.isEqualTo(events + 1);
		assertThat(rowCounts()).as("nothing stored").isEqualTo(rows);
		return response;
	}

	private X509Certificate enroll(KeyStore client, String dms, String commonName, KeyPair key) throws Exception {
		HttpResponse<String> response = post(client, dms, "simpleenroll", TestPki.csr(commonName, key));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestPki.certsOnly(response.body()).get(0);
	}

	private HttpResponse<String> post(KeyStore client, String dms, String operation,
			org.bouncycastle.pkcs.PKCS10CertificationRequest csr) throws Exception {
		return TestPki.post(TestPki.https(DATA_DIR, client), estUrl(dms, operation), PKCS10, TestPki.base64(csr));
	}

	private Map<String, Object> device(String id) {
		return this.api.get().uri("/api/devmanager/v1/devices/{id}", id).retrieve().body(JSON);
	}

	private void register(String id, String dmsId) {
		assertThat(this.api.post()
			.uri("/api/devmanager/v1/devices")
			.body(Map.of("id", id, "dmsId", dmsId))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);
	}

	private X509Certificate signWithKey(String caId, String commonName, KeyPair key) throws Exception {
		Map<String, Object> issued = this.api.post()
			.uri("/api/ca/v1/cas/{id}/certificates/sign", caId)
			.body(Map.of("csr", io.selfobs.sample.pki.crypto.x509.Pem.encode(TestPki.csr(commonName, key))))
			.retrieve()
			.body(JSON);
		return TestPki.certificate((String) issued.get("certificate"));
	}

	private void createCa(String id) {
		assertThat(this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", id, "name", id, "subject", "CN=" + id))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);
	}

	private void createDms(String id, String caId, List<String> reenrollCaIds) {
		assertThat(this.api.post()
			.uri("/api/dmsmanager/v1/dms")
			.body(dms(id, caId, reenrollCaIds))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);
	}

	private void updateDms(String id, String caId, List<String> reenrollCaIds) {
		assertThat(this.api.put()
			.uri("/api/dmsmanager/v1/dms/{id}", id)
			.body(dms(id, caId, reenrollCaIds))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);
	}

	private static Map<String, Object> dms(String id, String caId, List<String> reenrollCaIds) {
		Map<String, Object> body = new HashMap<>();
		body.put("id", id);
		body.put("name", id);
		body.put("issuingCaId", caId);
		body.put("reenrollCaIds", reenrollCaIds);
		return body;
	}

	private static String serial(X509Certificate certificate) {
		return certificate.getSerialNumber().toString(16);
	}

	@FunctionalInterface
	private interface Request {

		HttpResponse<String> send() throws Exception;

	}

}
