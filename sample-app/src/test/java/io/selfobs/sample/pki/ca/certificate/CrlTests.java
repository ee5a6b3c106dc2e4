package io.selfobs.sample.pki.ca.certificate;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The per-CA CRL over HTTP: signed by the CA, listing exactly its revoked certificates
 * with their reasons, numbered monotonically, in DER or PEM, fetched anonymously, and
 * accepted by {@code openssl}.
 */
class CrlTests extends PkiIntegrationTests {

	@TempDir
	Path files;

	@Test
	void crlListsTheRevokedCertificateWithItsReasonAndIsSignedByTheCa() throws Exception {
		X509Certificate ca = createCa("crl-listing");
		Signed kept = sign("crl-listing", "kept-device");
		Signed revoked = sign("crl-listing", "lost-device");
		revoke(revoked, "keyCompromise");
		double generatedBefore = count("ca.crls.generated", "ca_id", "crl-listing");

		ResponseEntity<byte[]> response = anonymous().get()
			.uri("/api/ca/v1/cas/crl-listing/crl")
			.retrieve()
			.toEntity(byte[].class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getContentType()).hasToString("application/pkix-crl");
		X509CRL crl = parse(response.getBody());
		crl.verify(ca.getPublicKey());
		assertThat(crl.getVersion()).isEqualTo(2);
		assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(crl.getRevokedCertificates()).extracting(X509CRLEntry::getSerialNumber)
			.containsExactly(revoked.certificate().getSerialNumber());
		X509CRLEntry entry = crl.getRevokedCertificate(revoked.certificate());
		assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
		assertThat(entry.getRevocationDate()).isBeforeOrEqualTo(crl.getThisUpdate());
		assertThat(crl.isRevoked(kept.certificate())).isFalse();
		assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
			.isEqualTo(Duration.ofHours(24));
		assertThat(crl.getThisUpdate().toInstant()).isBetween(Instant.now().minusSeconds(300), Instant.now());
		assertThat(authorityKeyIdentifier(crl)).isEqualTo(subjectKeyIdentifier(ca));
		assertThat(count("ca.crls.generated", "ca_id", "crl-listing")).isEqualTo(generatedBefore + 1);
	}

	@Test
	void crlNumberIncreasesOnEveryFetch() throws Exception {
		createCa("crl-numbering");
		BigInteger first = crlNumber(parse(derCrl("crl-numbering")));
		BigInteger second = crlNumber(parse(derCrl("crl-numbering")));

		assertThat(first).isPositive();
		assertThat(second).isGreaterThan(first);
	}

	@Test
	void crlIsServedAsPemOnRequest() throws Exception {
		X509Certificate ca = createCa("crl-pem");
		ResponseEntity<String> byParameter = anonymous().get()
			.uri("/api/ca/v1/cas/crl-pem/crl?format=pem")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> byAccept = anonymous().get()
			.uri("/api/ca/v1/cas/crl-pem/crl")
			.header("Accept", "application/x-pem-file")
			.retrieve()
			.toEntity(String.class);

		for (ResponseEntity<String> response : List.of(byParameter, byAccept)) {
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getHeaders().getContentType()).hasToString("application/x-pem-file");
			assertThat(response.getBody()).startsWith("-----BEGIN X509 CRL-----");
			parse(response.getBody().getBytes(StandardCharsets.US_ASCII)).verify(ca.getPublicKey());
		}
	}

	@Test
	void unknownCaOrFormatIsAProblem() {
		assertProblem(anonymous().get().uri("/api/ca/v1/cas/no-such-ca/crl"), 404, "not-found");
		assertProblem(anonymous().get().uri("/api/ca/v1/cas/root-ca/crl?format=json"), 400, "invalid-format");
	}

	@Test
	void opensslVerifiesTheCrlAndRejectsTheRevokedCertificate() throws Exception {
		assumeTrue(new ProcessBuilder("sh", "-c", "command -v openssl").start().waitFor() == 0, "openssl is needed");
		X509Certificate ca = createCa("crl-openssl");
		Signed kept = sign("crl-openssl", "openssl-kept");
		Signed revoked = sign("crl-openssl", "openssl-revoked");
		revoke(revoked, "keyCompromise");
		write("ca.pem", Pem.encode(ca));
		write("kept.pem", Pem.encode(kept.certificate()));
		write("revoked.pem", Pem.encode(revoked.certificate()));
		Files.write(this.files.resolve("crl.der"), derCrl("crl-openssl"));

		assertThat(openssl("crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "ca.pem", "-noout", "-text")).contains(
				"verify OK", "Key Compromise", revoked.certificate().getSerialNumber().toString(16).toUpperCase());
		Files.writeString(this.files.resolve("crl.pem"),
				anonymous().get().uri("/api/ca/v1/cas/crl-openssl/crl?format=pem").retrieve().body(String.class));
		assertThat(openssl("verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "kept.pem"))
			.contains("kept.pem: OK");
		assertThat(openssl("verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "revoked.pem"))
			.contains("certificate revoked")
			.doesNotContain("revoked.pem: OK");
	}

	private X509Certificate createCa(String id) {
		Map<String, Object> created = this.api.post()
			.uri("/api/ca/v1/cas")
			.body(Map.of("id", id, "name", id, "subject", "CN=" + id + ",O=test"))
			.retrieve()
			.body(JSON);
		return TestPki.certificate((String) created.get("certificate"));
	}

	private void revoke(Signed signed, String reason) {
		assertThat(this.api.post()
			.uri("/api/ca/v1/certificates/{serial}/revoke", signed.serial())
			.body(Map.of("reason", reason))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);
	}

	private byte[] derCrl(String caId) {
		return anonymous().get().uri("/api/ca/v1/cas/{id}/crl", caId).retrieve().body(byte[].class);
	}

	/** CRLs are public: every fetch here is anonymous. */
	private RestClient anonymous() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.httpPort)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.files.resolve(name), content);
	}

	/**
	 * Runs openssl in the temp directory; stdout and stderr together (OpenSSL 3 prints
	 * "verify OK" on stderr).
	 */
	private String openssl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(this.files.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	private static X509CRL parse(byte[] encoded) throws Exception {
		return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
	}

	private static BigInteger crlNumber(X509CRL crl) {
		return ASN1Integer
			.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets())
			.getValue();
	}

	private static byte[] authorityKeyIdentifier(X509CRL crl) {
		return AuthorityKeyIdentifier
			.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
				.getOctets())
			.getKeyIdentifier();
	}

	private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
		return SubjectKeyIdentifier
			.getInstance(
					ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
						.getOctets())
			.getKeyIdentifier();
	}

}
