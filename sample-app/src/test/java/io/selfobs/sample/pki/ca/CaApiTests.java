package io.selfobs.sample.pki.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CA API over HTTP with operator credentials: CA creation per key algorithm, signing,
 * queries, revocation, RFC 9457 problems and security events.
 */
class CaApiTests extends PkiIntegrationTests {

	@ParameterizedTest
	@CsvSource({ "ECDSA_P256, EC", "RSA_2048, RSA", "RSA_3072, RSA", "ED25519, EdDSA" })
	void createsARootCaThatSignsWithEachKeyAlgorithm(String algorithm, String keyType) throws Exception {
		String id = "root-" + algorithm.toLowerCase().replace('_', '-');
		ResponseEntity<Map<String, Object>> created = this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", id, "name", id, "subject", "CN=" + id + ",O=test", "keyAlgorithm", algorithm))
			.retrieve()
			.toEntity(JSON);

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getHeaders().getLocation()).hasPath("/api/ca/v1/cas/" + id);
		X509Certificate ca = TestPki.certificate((String) created.getBody().get("certificate"));
		assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo(keyType);
		assertThat(ca.getBasicConstraints()).isNotNegative();
		assertThat(created.getBody()).doesNotContainKey("privateKeyRef").containsEntry("engineId", "software");
		X509Certificate issued = sign(id, "leaf-of-" + id).certificate();
		issued.verify(ca.getPublicKey());
	}

	@Test
	void subordinateCaChainsToItsParent() throws Exception {
		Map<String, Object> sub = this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", "issuing-sub", "name", "Issuing", "subject", "CN=Issuing sub CA", "parentId", "root-ca"))
			.retrieve()
			.body(JSON);

		@SuppressWarnings("unchecked")
		List<String> chain = (List<String>) sub.get("chain");
		assertThat(chain).hasSize(2);
		X509Certificate subCertificate = TestPki.certificate(chain.get(0));
		X509Certificate root = TestPki.certificate(chain.get(1));
		subCertificate.verify(root.getPublicKey());
		sign("issuing-sub", "deep-leaf").certificate().verify(subCertificate.getPublicKey());
	}

	@Test
	void signedCertificateCanBeFetchedAndFiltered() throws Exception {
		Signed signed = sign("root-ca", "queried-device");

		Map<String, Object> fetched = this.api.get()
			.uri("/api/ca/v1/certificates/{serial}", signed.serial())
			.retrieve()
			.body(JSON);
		assertThat(fetched).containsEntry("status", "ACTIVE")
			.containsEntry("subjectCn", "queried-device")
			.containsEntry("caId", "root-ca");

		assertThat(serials("/api/ca/v1/certificates?ca=root-ca&status=ACTIVE&limit=500")).contains(signed.serial());
		assertThat(serials("/api/ca/v1/certificates?ca=bootstrap-ca")).doesNotContain(signed.serial());
		assertThat(serials("/api/ca/v1/certificates?status=REVOKED")).doesNotContain(signed.serial());
		assertThat(serials(
				"/api/ca/v1/certificates?expiring-before=" + Instant.now().plusSeconds(86400 * 400) + "&limit=500"))
			.contains(signed.serial());
		assertThat(serials("/api/ca/v1/certificates?expiring-before=" + Instant.now().plusSeconds(86400)))
			.doesNotContain(signed.serial());
	}

	@Test
	void revocationTakesAnRfc5280ReasonAndIsCountedAndAudited() throws Exception {
		Signed signed = sign("root-ca", "revoked-device");
		double revokedBefore = count("ca.certificates.revoked", "ca_id", "root-ca", "reason", "keyCompromise");
		double auditBefore = count("security.events", "category", "iam", "action", "certificate-revoked");

		Map<String, Object> revoked = this.api.post()
			.uri("/api/ca/v1/certificates/{serial}/revoke", signed.serial())
			.body(Map.of("reason", "keyCompromise"))
			.retrieve()
			.body(JSON);

		assertThat(revoked).containsEntry("status", "REVOKED").containsEntry("revocationReason", "keyCompromise");
		assertThat(count("ca.certificates.revoked", "ca_id", "root-ca", "reason", "keyCompromise"))
			.isEqualTo(revokedBefore + 1);
		assertThat(count("security.events", "category", "iam", "action", "certificate-revoked"))
			.isEqualTo(auditBefore + 1);
		assertProblem(this.api.post().uri("/api/ca/v1/certificates/{serial}/revoke", signed.serial()).body(Map.of()),
				409, "already-revoked");
		Signed other = sign("root-ca", "other-device");
		ResponseEntity<Map<String, Object>> badReason = assertProblem(this.api.post()
			.uri("/api/ca/v1/certificates/{serial}/revoke", other.serial())
			.body(Map.of("reason", "bored")), 400, "invalid-reason");
		assertThat((String) badReason.getBody().get("detail")).contains("keyCompromise", "cessationOfOperation");
	}

	@Test
	void badRequestsGetProblemDetailsAndStoreNothing() throws Exception {
		Map<String, Long> rows = rowCounts();
		assertProblem(
				this.api.post().uri("/api/ca/v1/cas/no-such-ca/certificates/sign").body(Map.of("csr", csrPem("x"))),
				404, "not-found");
		assertProblem(this.api.post().uri("/api/ca/v1/cas/root-ca/certificates/sign").body(Map.of("csr", "junk")), 400,
				"malformed-csr");
		assertProblem(
				this.api.post()
					.uri("/api/ca/v1/cas/root-ca/certificates/sign")
					.body(Map.of("csr", Pem.encode(TestPki.csr("weak", TestPki.rsaKey(1024))))),
				400, "policy-violation");
		assertProblem(this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", "x", "name", "x", "subject", "O=no common name")), 400, "invalid-subject");
		assertProblem(this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", "root-ca", "name", "again", "subject", "CN=again")), 409, "already-exists");
		ResponseEntity<String> unreadable = this.api.post()
			.uri("/api/ca/v1/cas")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"id\":\"y\",\"name\":\"y\",\"subject\":\"CN=y\",\"keyAlgorithm\":\"DSA_512\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(unreadable.getStatusCode().value()).isEqualTo(400);
		assertThat(unreadable.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(rowCounts()).isEqualTo(rows);
	}

	@Test
	void apiRequiresOperatorCredentialsAndCountsFailedLogins() {
		RestClient anonymous = RestClient.builder()
			.baseUrl("http://localhost:" + this.httpPort)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		ResponseEntity<Map<String, Object>> missing = anonymous.get().uri("/api/ca/v1/cas").retrieve().toEntity(JSON);
		assertThat(missing.getStatusCode().value()).isEqualTo(401);
		assertThat(missing.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
		assertThat(missing.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();

		double failuresBefore = count("security.events", "category", "authentication", "outcome", "failure");
		ResponseEntity<String> wrong = anonymous.get()
			.uri("/api/ca/v1/cas")
			.headers((headers) -> headers.setBasicAuth(OPERATOR, "guess"))
			.retrieve()
			.toEntity(String.class);
		assertThat(wrong.getStatusCode().value()).isEqualTo(401);
		assertThat(wrong.getBody()).doesNotContain("guess");
		assertThat(count("security.events", "category", "authentication", "outcome", "failure"))
			.isEqualTo(failuresBefore + 1);
	}

	@Test
	void dmsChangesAreConfigurationSecurityEvents() {
		double before = count("security.events", "category", "configuration", "action", "dms-updated");
		Map<String, Object> body = Map.of("name", "Demo, renamed", "issuingCaId", "root-ca", "authMode", "NO_AUTH");
		ResponseEntity<Map<String, Object>> updated = this.api.put()
			.uri("/api/dmsmanager/v1/dms/demo")
			.body(body)
			.retrieve()
			.toEntity(JSON);
		assertThat(updated.getStatusCode().value()).isEqualTo(200);
		assertThat(updated.getBody()).containsEntry("name", "Demo, renamed");
		assertThat(count("security.events", "category", "configuration", "action", "dms-updated"))
			.isEqualTo(before + 1);
		assertProblem(this.api.post()
			.uri("/api/dmsmanager/v1/dms")
			.body(Map.of("id", "no-bootstrap", "name", "x", "issuingCaId", "root-ca", "authMode",
					"CLIENT_CERTIFICATE")),
				400, "invalid-bootstrap-cas");
	}

	private List<Object> serials(String uri) {
		List<Map<String, Object>> certificates = this.api.get()
			.uri(uri)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return certificates.stream().map((certificate) -> certificate.get("serial")).toList();
	}

}
