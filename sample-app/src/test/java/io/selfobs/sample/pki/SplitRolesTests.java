package io.selfobs.sample.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;

import io.selfobs.sample.pki.est.EstServer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.ESTService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances, one per role, each with its own database: the EST instance enrolls through the CA instance's
 * API over HTTP.
 */
class SplitRolesTests {

	@TempDir
	Path caData;

	@TempDir
	Path estData;

	@Test
	void estInstanceEnrollsThroughTheCaInstance() throws Exception {
		try (ConfigurableApplicationContext ca = start("ca", this.caData, "--server.port=0");
				ConfigurableApplicationContext est = start("est", this.estData, "--server.port=0", "--pki.est.port=0",
						"--pki.ca.base-url=http://localhost:" + port(ca))) {
			assertThat(ca.getBeanProvider(EstServer.class).getIfAvailable()).as("no EST connector on the CA").isNull();
			X509CertificateHolder[] issued = ESTService.storeToArray(
					TestPki.est(est.getBean(EstServer.class).port(), this.estData, "demo", null)
						.simpleEnroll(false, TestPki.csr("split-device", TestPki.ecKey()), null)
						.getStore());
			X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(issued[0]);

			Map<String, Object> stored = operator(ca).get()
				.uri("/api/ca/v1/certificates/{serial}", certificate.getSerialNumber().toString(16))
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat(stored).containsEntry("caId", "root-ca").containsEntry("subjectCn", "split-device");
			assertThat(operator(est).get().uri("/api/ca/v1/cas").retrieve().toBodilessEntity().getStatusCode().value())
				.as("no CA API on the EST instance")
				.isEqualTo(404);
			assertThat(operator(est).get()
				.uri("/api/devmanager/v1/devices/split-device")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value()).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(String role, Path dataDir, String... arguments) {
		String[] all = new String[arguments.length + 3];
		all[0] = "--pki.roles=" + role;
		all[1] = "--pki.data-dir=" + dataDir;
		all[2] = "--pki.outbox.worker-enabled=false";
		System.arraycopy(arguments, 0, all, 3, arguments.length);
		return new SpringApplicationBuilder(PkiApplication.class).run(all);
	}

	private static String port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getProperty("local.server.port");
	}

	private static RestClient operator(ConfigurableApplicationContext context) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port(context))
			.defaultHeaders((headers) -> headers.setBasicAuth("operator", "demo-operator-password"))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
