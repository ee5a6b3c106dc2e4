package io.selfobs.sample.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.est.server.EstServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that share one running app: HTTP and EST HTTPS on random ports, H2 in
 * a fresh data directory. Every subclass reuses the same Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "pki.est.port=0",
		"pki.outbox.poll-interval=100ms", "management.otlp.metrics.export.enabled=false" })
public abstract class PkiIntegrationTests {

	protected static final Path DATA_DIR = createDataDir();

	protected static final String OPERATOR = "operator";

	protected static final String OPERATOR_PASSWORD = "demo-operator-password";

	protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	protected int httpPort;

	@Autowired
	protected EstServer estServer;

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected JdbcClient jdbc;

	protected RestClient api;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("pki.data-dir", DATA_DIR::toString);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("selfobs-pki-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void operatorClient() {
		this.api = RestClient.builder()
			.baseUrl("http://localhost:" + this.httpPort)
			.defaultHeaders((headers) -> headers.setBasicAuth(OPERATOR, OPERATOR_PASSWORD))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	protected String estUrl(String label, String operation) {
		return "https://localhost:" + this.estServer.port() + "/.well-known/est/" + ((label != null) ? label + "/" : "")
				+ operation;
	}

	/**
	 * A certificate issued through the CA API.
	 *
	 * @param serial the serial, as the API spells it
	 * @param certificate the certificate
	 */
	protected record Signed(String serial, X509Certificate certificate) {
	}

	protected Signed sign(String caId, String commonName) throws Exception {
		Map<String, Object> issued = this.api.post()
			.uri("/api/ca/v1/cas/{id}/certificates/sign", caId)
			.body(Map.of("csr", csrPem(commonName), "validityDays", 30))
			.retrieve()
			.body(JSON);
		assertThat(issued).containsKeys("serial", "notBefore", "notAfter", "certificate");
		return new Signed((String) issued.get("serial"), TestPki.certificate((String) issued.get("certificate")));
	}

	protected static String csrPem(String commonName) throws Exception {
		return Pem.encode(TestPki.csr(commonName, TestPki.ecKey()));
	}

	protected static ResponseEntity<Map<String, Object>> assertProblem(RestClient.RequestHeadersSpec<?> request,
			int status, String type) {
		ResponseEntity<Map<String, Object>> response = request.retrieve().toEntity(JSON);
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(response.getBody()).containsEntry("type", "urn:selfobs:pki:problem:" + type)
			.containsEntry("status", status);
		return response;
	}

	protected double count(String name, String... tags) {
		var counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	protected Map<String, Long> rowCounts() {
		return Map.of("certificate", rows("certificate"), "device", rows("device"), "outbox_event",
				rows("outbox_event"));
	}

	private long rows(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
