package io.selfobs.sample.pki.est;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;

import io.selfobs.sample.pki.PkiIntegrationTests;
import io.selfobs.sample.pki.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enrollment flows driven by BouncyCastle's own EST client over real TLS.
 */
class EstEnrollmentTests extends PkiIntegrationTests {

	@Test
	void caCertsReturnsTheIssuingCaOfTheDefaultDms() throws Exception {
		CACertsResponse response = TestPki.est(this.estServer.port(), DATA_DIR, null, null).getCACerts();

		X509CertificateHolder[] certificates = ESTService.storeToArray(response.getCertificateStore());
		assertThat(certificates).hasSize(1);
		assertThat(certificates[0].getSubject()).isEqualTo(new X500Name("CN=selfobs demo root CA,O=selfobs sample"));
	}

	@Test
	void unlabelledSimpleEnrollIssuesACertificateFromTheDefaultDmsAndCreatesTheDevice() throws Exception {
		KeyPair key = TestPki.ecKey();
		double before = count("est.enrollment.success", "dms_id", "demo", "operation", "simpleenroll");

		X509Certificate issued = enroll(null, "unlabelled-device", key);

		assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=unlabelled-device");
		assertThat(issued.getIssuerX500Principal().getName()).contains("CN=selfobs demo root CA");
		issued.verify(rootCa().getPublicKey());
		assertThat(count("est.enrollment.success", "dms_id", "demo", "operation", "simpleenroll"))
			.isEqualTo(before + 1);
		Map<String, Object> device = this.api.get()
			.uri("/api/devmanager/v1/devices/unlabelled-device")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(device).containsEntry("status", "ACTIVE")
			.containsEntry("dmsId", "demo")
			.containsEntry("certificateSerial", issued.getSerialNumber().toString(16));
	}

	@Test
	void enrollmentMovesEveryFunnelStageAndTheCaAndDeviceCounters() throws Exception {
		String[] funnel = { "received", "authenticated", "validated", "signed", "issued" };
		double[] before = new double[funnel.length];
		for (int i = 0; i < funnel.length; i++) {
			before[i] = count("est.enrollment", "dms_id", "demo", "operation", "simpleenroll", "stage", funnel[i]);
		}
		double issuedBefore = count("ca.certificates.issued", "ca_id", "root-ca");
		double devicesBefore = count("device.enrollments", "dms_id", "demo", "operation", "simpleenroll");
		long signsBefore = signTimerCount();

		enroll("demo", "funnel-device", TestPki.ecKey());

		for (int i = 0; i < funnel.length; i++) {
			assertThat(count("est.enrollment", "dms_id", "demo", "operation", "simpleenroll", "stage", funnel[i]))
				.as(funnel[i])
				.isEqualTo(before[i] + 1);
		}
		assertThat(count("ca.certificates.issued", "ca_id", "root-ca")).isEqualTo(issuedBefore + 1);
		assertThat(count("device.enrollments", "dms_id", "demo", "operation", "simpleenroll"))
			.isEqualTo(devicesBefore + 1);
		assertThat(signTimerCount()).isEqualTo(signsBefore + 1);
		assertThat(this.meters.find("crypto.operation.duration")
			.tags("engine_id", "software", "operation_type", "sign")
			.timer()).isNotNull();
	}

	@Test
	void labelledEnrollWithABootstrapCertificateAndReenrollOverMutualTls() throws Exception {
		KeyPair bootstrapKey = TestPki.ecKey();
		X509Certificate bootstrap = signByCa("bootstrap-ca", "factory-line-7", bootstrapKey);
		KeyPair deviceKey = TestPki.ecKey();
		ESTService factory = TestPki.est(this.estServer.port(), DATA_DIR, "factory",
				TestPki.clientKeyStore(bootstrapKey, bootstrap));

		X509Certificate device = certificate(factory.simpleEnroll(false, TestPki.csr("sensor-42", deviceKey), null));
		assertThat(device.getSubjectX500Principal().getName()).isEqualTo("CN=sensor-42");

		ESTService renewing = TestPki.est(this.estServer.port(), DATA_DIR, "factory",
				TestPki.clientKeyStore(deviceKey, device));
		KeyPair newKey = TestPki.ecKey();
		double reenrollsBefore = count("est.enrollment.success", "dms_id", "factory", "operation", "simplereenroll");
		X509Certificate renewed = certificate(renewing.simpleEnroll(true, TestPki.csr("sensor-42", newKey), null));

		assertThat(renewed.getSerialNumber()).isNotEqualTo(device.getSerialNumber());
		assertThat(renewed.getPublicKey()).isEqualTo(newKey.getPublic());
		assertThat(count("est.enrollment.success", "dms_id", "factory", "operation", "simplereenroll"))
			.isEqualTo(reenrollsBefore + 1);
		Map<String, Object> stored = this.api.get()
			.uri("/api/devmanager/v1/devices/sensor-42")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(stored).containsEntry("certificateSerial", renewed.getSerialNumber().toString(16));
	}

	@Test
	void csrAttributesAnswersNoContent() throws Exception {
		var response = TestPki.https(DATA_DIR, null)
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(estUrl(null, "csrattrs"))).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(204);
	}

	private X509Certificate enroll(String label, String commonName, KeyPair key) throws Exception {
		ESTService est = TestPki.est(this.estServer.port(), DATA_DIR, label, null);
		return certificate(est.simpleEnroll(false, TestPki.csr(commonName, key), null));
	}

	private static X509Certificate certificate(EnrollmentResponse response) throws Exception {
		X509CertificateHolder[] certificates = ESTService.storeToArray(response.getStore());
		assertThat(certificates).hasSize(1);
		return new JcaX509CertificateConverter().getCertificate(certificates[0]);
	}

	private X509Certificate rootCa() {
		Map<String, Object> ca = this.api.get()
			.uri("/api/ca/v1/cas/root-ca")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return TestPki.certificate((String) ca.get("certificate"));
	}

	private X509Certificate signByCa(String caId, String commonName, KeyPair key) throws Exception {
		Map<String, Object> issued = this.api.post()
			.uri("/api/ca/v1/cas/{id}/certificates/sign", caId)
			.body(Map.of("csr", io.selfobs.sample.pki.crypto.x509.Pem.encode(TestPki.csr(commonName, key))))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return TestPki.certificate((String) issued.get("certificate"));
	}

	private long signTimerCount() {
		return this.meters.find("ca.sign.operation.duration")
			.tags("ca_id", "root-ca")
			.timers()
			.stream()
			.mapToLong(io.micrometer.core.instrument.Timer::count)
			.sum();
	}

}
