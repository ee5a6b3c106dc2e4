package io.selfobs.sample.pki.est.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.selfobs.autoconfigure.test.TestCertificates;
import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The EST connector serves the key and certificate of the SSL bundle
 * {@code pki.est.ssl-bundle} names; a bundle without a key store stops startup with a
 * message naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class EstSslBundleTests {

	private static final String[] COMMON = { "--server.port=0", "--pki.est.port=0", "--pki.outbox.worker-enabled=false",
			"--management.otlp.metrics.export.enabled=false" };

	@TempDir
	Path dataDir;

	@Test
	void estConnectorPresentsTheBundleCertificate() throws Exception {
		TestCertificates certificates = TestCertificates.generate();
		try (ConfigurableApplicationContext context = run("--pki.est.ssl-bundle=est",
				"--spring.ssl.bundle.pem.est.keystore.certificate=file:" + certificates.serverCertificate(),
				"--spring.ssl.bundle.pem.est.keystore.private-key=file:" + certificates.serverKey())) {
			int port = context.getBean(EstServer.class).port();
			try (SSLSocket socket = (SSLSocket) trusting(certificates.caCertificate()).getSocketFactory()
				.createSocket("127.0.0.1", port)) {
				socket.startHandshake();
				X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
				assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
			}
		}
	}

	@Test
	void bundleWithoutKeyStoreStopsStartup(CapturedOutput output) {
		TestCertificates certificates = TestCertificates.generate();
		assertThatException()
			.isThrownBy(() -> run("--pki.est.ssl-bundle=trust-only",
					"--spring.ssl.bundle.pem.trust-only.truststore.certificate=file:" + certificates.caCertificate()))
			.havingRootCause()
			.isInstanceOf(InvalidPkiPropertyException.class)
			.withMessageContaining("pki.est.ssl-bundle");
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Configuration property 'pki.est.ssl-bundle' names SSL bundle 'trust-only', which has no key store",
				"Name a bundle with the EST server's key and certificate");
	}

	private ConfigurableApplicationContext run(String... args) {
		String[] all = new String[COMMON.length + args.length + 1];
		System.arraycopy(COMMON, 0, all, 0, COMMON.length);
		System.arraycopy(args, 0, all, COMMON.length, args.length);
		all[all.length - 1] = "--pki.data-dir=" + this.dataDir;
		return new SpringApplicationBuilder(PkiApplication.class).run(all);
	}

	private static SSLContext trusting(Path caCertificate) throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(caCertificate)) {
			trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
