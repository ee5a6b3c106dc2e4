package io.selfobs.sample.pki.est;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.crypto.CryptoEngine;
import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import io.selfobs.sample.pki.crypto.x509.Certificates;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every EST failure reason: its status, a text/plain body naming it, its counter, and
 * nothing stored.
 */
class EstFailureTests extends PkiIntegrationTests {

	private static final String PKCS10 = "application/pkcs10";

	@Autowired
	private CryptoEngine engine;

	@Test
	void wrongContentTypeIsUnsupportedMediaType() throws Exception {
		String csr = TestPki.base64(TestPki.csr("media-device", TestPki.ecKey()));
		assertRefused("unsupported_media_type", 415, null, () -> post(null, "demo", "simpleenroll", "text/plain", csr));
	}

	@Test
	void bodyThatIsNotBase64IsInvalidBase64() throws Exception {
		assertRefused("invalid_base64", 400, "demo",
				() -> post(null, "demo", "simpleenroll", PKCS10, "@@@ not base64 @@@"));
	}

	@Test
	void base64ThatIsNotACsrIsMalformedCsr() throws Exception {
		String body = Base64.getEncoder().encodeToString("certainly not DER".getBytes());
		assertRefused("malformed_csr", 400, "demo", () -> post(null, "demo", "simpleenroll", PKCS10, body));
	}

	@Test
	void csrWhoseSignatureDoesNotVerifyIsInvalidCsrSignature() throws Exception {
		byte[] der = TestPki.csr("tampered-device", TestPki.ecKey()).getEncoded();
		der[der.length - 1] ^= 0x01;
		String body = Base64.getEncoder().encodeToString(der);
		assertRefused("invalid_csr_signature", 400, "demo", () -> post(null, "demo", "simpleenroll", PKCS10, body));
	}

	@Test
	void smallRsaKeyIsAPolicyViolation() throws Exception {
		String body = TestPki.base64(TestPki.csr("weak-device", TestPki.rsaKey(1024)));
		HttpResponse<String> response = assertRefused("policy_violation", 400, "demo",
				() -> post(null, "demo", "simpleenroll", PKCS10, body));
		assertThat(response.body()).contains("at least 2048 bits");
	}

	@Test
	void unknownLabelIsUnknownDms() throws Exception {
		String body = TestPki.base64(TestPki.csr("lost-device", TestPki.ecKey()));
		assertRefused("unknown_dms", 404, "unknown", () -> post(null, "no-such-dms", "simpleenroll", PKCS10, body));
	}

	@Test
	void missingClientCertificateIsAuthRequiredAndTheEstClientSeesStatus401() throws Exception {
		double before = failures("factory", "auth_required");
		Map<String, Long> rows = rowCounts();
		ESTException refused = catchThrowableOfType(ESTException.class,
				() -> TestPki.est(this.estServer.port(), DATA_DIR, "factory", null)
					.simpleEnroll(false, TestPki.csr("anonymous-device", TestPki.ecKey()), null));
		assertThat(refused.getStatusCode()).isEqualTo(401);
		assertThat(failures("factory", "auth_required")).isEqualTo(before + 1);
		assertThat(rowCounts()).isEqualTo(rows);

		HttpResponse<String> response = assertRefused("auth_required", 401, "factory", () -> post(null, "factory",
				"simpleenroll", PKCS10, TestPki.base64(TestPki.csr("anonymous-device", TestPki.ecKey()))));
		assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
	}

	@Test
	void clientCertificateFromAnUnknownCaIsUntrusted() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate selfSigned = Certificates.build(
				Certificates.Template.ca(new X500Name("CN=rogue"), key.getPublic(), Instant.now().minusSeconds(60),
						Instant.now().plus(Duration.ofDays(1))),
				Certificates.newSerial(), null, new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
		KeyStore client = TestPki.clientKeyStore(key, selfSigned);
		String body = TestPki.base64(TestPki.csr("rogue-device", TestPki.ecKey()));
		assertRefused("client_cert_untrusted", 403, "factory",
				() -> post(client, "factory", "simpleenroll", PKCS10, body));
	}

	@Test
	void expiredBootstrapCertificateIsClientCertExpired() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate expired = issueWithBootstrapCaKey(key, Instant.now().minus(Duration.ofDays(30)),
				Instant.now().minus(Duration.ofDays(1)));
		KeyStore client = TestPki.clientKeyStore(key, expired);
		String body = TestPki.base64(TestPki.csr("late-device", TestPki.ecKey()));
		assertRefused("client_cert_expired", 403, "factory",
				() -> post(client, "factory", "simpleenroll", PKCS10, body));
	}

	@Test
	void revokedBootstrapCertificateIsClientCertRevoked() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate bootstrap = sign("bootstrap-ca", TestPki.csr("revoked-line", key));
		this.api.post()
			.uri("/api/ca/v1/certificates/{serial}/revoke", bootstrap.getSerialNumber().toString(16))
			.body(Map.of("reason", "keyCompromise"))
			.retrieve()
			.toBodilessEntity();
		KeyStore client = TestPki.clientKeyStore(key, bootstrap);
		String body = TestPki.base64(TestPki.csr("doomed-device", TestPki.ecKey()));
		assertRefused("client_cert_revoked", 403, "factory",
				() -> post(client, "factory", "simpleenroll", PKCS10, body));
	}

	@Test
	void reenrollWithoutTheCurrentCertificateIsAuthRequired() throws Exception {
		String body = TestPki.base64(TestPki.csr("forgetful-device", TestPki.ecKey()));
		assertRefused("auth_required", 401, "demo", () -> post(null, "demo", "simplereenroll", PKCS10, body));
	}

	@Test
	void reenrollForAnotherSubjectIsSubjectMismatch() throws Exception {
		KeyPair key = TestPki.ecKey();
		X509Certificate current = enrollOnDemo(TestPki.csr("device-a", key));
		KeyStore client = TestPki.clientKeyStore(key, current);
		String body = TestPki.base64(TestPki.csr("device-b", TestPki.ecKey()));
		HttpResponse<String> response = assertRefused("subject_mismatch", 403, "demo",
				() -> post(client, "demo", "simplereenroll", PKCS10, body));
		assertThat(response.body()).contains("CN=device-a");
	}

	@Test
	void deletedIssuingCaIsCaNotActive() throws Exception {
		createCa("retired-ca");
		createDms("retired", "retired-ca", Map.of());
		this.api.delete().uri("/api/ca/v1/cas/retired-ca").retrieve().toBodilessEntity();
		String body = TestPki.base64(TestPki.csr("orphan-device", TestPki.ecKey()));
		assertRefused("ca_not_active", 409, "retired", () -> post(null, "retired", "simpleenroll", PKCS10, body));
	}

	@Test
	void unregisteredDeviceOnAPreRegisteredDmsIsRefusedUntilRegistered() throws Exception {
		createDms("preregistered", "root-ca", Map.of("registrationMode", "PRE_REGISTERED"));
		KeyPair key = TestPki.ecKey();
		String body = TestPki.base64(TestPki.csr("known-device", key));
		assertRefused("device_not_registered", 403, "preregistered",
				() -> post(null, "preregistered", "simpleenroll", PKCS10, body));

		this.api.post()
			.uri("/api/devmanager/v1/devices")
			.body(Map.of("id", "known-device", "dmsId", "preregistered"))
			.retrieve()
			.toBodilessEntity();
		assertThat(post(null, "preregistered", "simpleenroll", PKCS10, body).statusCode()).isEqualTo(200);
	}

	@Test
	void httpBasicDmsRequiresOperatorCredentials() throws Exception {
		createDms("basic", "root-ca", Map.of("authMode", "HTTP_BASIC"));
		String body = TestPki.base64(TestPki.csr("basic-device", TestPki.ecKey()));
		HttpResponse<String> response = assertRefused("auth_required", 401, "basic",
				() -> post(null, "basic", "simpleenroll", PKCS10, body));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));

		String credentials = Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes());
		HttpResponse<String> accepted = TestPki.https(DATA_DIR, null)
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(estUrl("basic", "simpleenroll")))
				.header("Content-Type", PKCS10)
				.header("Authorization", "Basic " + credentials)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).isEqualTo(200);
	}

	@Test
	void caThatCannotSignIsInternalErrorWithoutLeakingDetails() throws Exception {
		createCa("broken-ca");
		this.jdbc
			.sql("update ca set private_key_ref = 'aesgcm1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' where id = 'broken-ca'")
			.update();
		createDms("broken", "broken-ca", Map.of());
		double cryptoFailures = count("crypto.operation.failed", "engine_id", "software", "failure_reason",
				"key_unavailable");
		String body = TestPki.base64(TestPki.csr("unlucky-device", TestPki.ecKey()));
		HttpResponse<String> response = assertRefused("internal", 500, "broken",
				() -> post(null, "broken", "simpleenroll", PKCS10, body));
		assertThat(response.body()).doesNotContain("aesgcm1").doesNotContain("Exception");
		assertThat(count("crypto.operation.failed", "engine_id", "software", "failure_reason", "key_unavailable"))
			.isEqualTo(cryptoFailures + 1);
	}

	@Test
	void estIsNotServedOnThePlainHttpPort() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + this.httpPort + "/.well-known/est/cacerts"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("HTTPS");
	}

	private HttpResponse<String> assertRefused(String reason, int status, String dmsId, Request request)
			throws Exception {
		String dms = (dmsId != null) ? dmsId : "demo";
		double before = failures(dms, reason);
		Map<String, Long> rows = rowCounts();

		HttpResponse<String> response = request.send();

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).startsWith(reason + ": ");
		assertThat(failures(dms, reason)).as("est.enrollment.failed{failure_reason=%s}", reason).isEqualTo(before + 1);
		assertThat(rowCounts()).as("nothing stored").isEqualTo(rows);
		return response;
	}

	private double failures(String dmsId, String reason) {
		return count("est.enrollment.failed", "dms_id", dmsId, "failure_reason", reason);
	}

	private HttpResponse<String> post(KeyStore client, String label, String operation, String contentType, String body)
			throws Exception {
		return TestPki.post(TestPki.https(DATA_DIR, client), estUrl(label, operation), contentType, body);
	}

	private X509Certificate sign(String caId, PKCS10CertificationRequest csr) {
		Map<String, Object> issued = this.api.post()
			.uri("/api/ca/v1/cas/{id}/certificates/sign", caId)
			.body(Map.of("csr", Pem.encode(csr)))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return TestPki.certificate((String) issued.get("certificate"));
	}

	private X509Certificate enrollOnDemo(PKCS10CertificationRequest csr) throws Exception {
		HttpResponse<String> response = post(null, "demo", "simpleenroll", PKCS10, TestPki.base64(csr));
		assertThat(response.statusCode()).isEqualTo(200);
		return TestPki.certsOnly(response.body()).get(0);
	}

	private X509Certificate issueWithBootstrapCaKey(KeyPair key, Instant notBefore, Instant notAfter) {
		Map<String, Object> ca = this.jdbc
			.sql("select certificate_pem, private_key_ref from ca where id = 'bootstrap-ca'")
			.query()
			.singleRow();
		X509Certificate caCertificate = Pem.certificate((String) ca.get("certificate_pem"));
		Certificates.Template template = new Certificates.Template(new X500Name("CN=expired-line"),
				SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()), notBefore, notAfter, false, null,
				KeyPurposeId.id_kp_clientAuth);
		return this.engine.sign((String) ca.get("private_key_ref"), KeyAlgorithm.ECDSA_P256,
				(signer) -> Certificates.build(template, BigInteger.valueOf(System.nanoTime()), caCertificate, signer));
	}

	private void createCa(String id) {
		int status = this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", id, "name", id, "subject", "CN=" + id))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
		assertThat(status).isEqualTo(201);
	}

	private void createDms(String id, String caId, Map<String, Object> settings) {
		Map<String, Object> body = new java.util.HashMap<>(settings);
		body.put("id", id);
		body.put("name", id);
		body.put("issuingCaId", caId);
		body.putIfAbsent("bootstrapCaIds", List.of());
		int status = this.api.post()
			.uri("/api/dmsmanager/v1/dms")
			.body(body)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
		assertThat(status).isEqualTo(201);
	}

	@FunctionalInterface
	private interface Request {

		HttpResponse<String> send() throws Exception;

	}

}
