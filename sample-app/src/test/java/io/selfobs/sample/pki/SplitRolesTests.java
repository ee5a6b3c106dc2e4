package io.selfobs.sample.pki;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import io.selfobs.sample.pki.est.server.EstServer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.ESTService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import static io.selfobs.sample.pki.Traces.assertCaSignTree;
import static io.selfobs.sample.pki.Traces.awaitCompleteTrace;
import static io.selfobs.sample.pki.Traces.descendsFrom;
import static io.selfobs.sample.pki.Traces.named;
import static io.selfobs.sample.pki.Traces.only;
import static io.selfobs.sample.pki.Traces.parent;
import static io.selfobs.sample.pki.Traces.parentOf;
import static io.selfobs.sample.pki.Traces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Two instances, one per role, each with its own database: the EST instance enrolls
 * through the CA instance's API over HTTP, authenticated with the pre-shared service
 * token, in one trace across the hop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SplitRolesTests {

	private final String serviceToken = randomToken();

	private final List<Path> dataDirs = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext ca;

	private ConfigurableApplicationContext est;

	@BeforeAll
	void startBothRoles() throws Exception {
		this.receiver = OtlpReceiver.start();
		String[] export = { "--otel.traces.endpoint=" + this.receiver.httpEndpoint(),
				"--otel.traces.protocol=http/protobuf", "--otel.traces.export.schedule-delay=100ms" };
		this.ca = start("ca", concat(export, "--pki.ca.service-token=" + this.serviceToken));
		this.est = start("est",
				concat(export, "--pki.ca.base-url=" + baseUrl(this.ca), "--pki.ca.service-token=" + this.serviceToken));
	}

	@AfterAll
	void stop() throws Exception {
		this.est.close();
		this.ca.close();
		this.receiver.close();
		for (Path dir : this.dataDirs) {
			FileSystemUtils.deleteRecursively(dir);
		}
	}

	@Test
	void estInstanceEnrollsThroughTheCaInstanceInOneTrace(CapturedOutput output) throws Exception {
		assertThat(this.ca.getBeanProvider(EstServer.class).getIfAvailable()).as("no EST connector on the CA").isNull();
		X509CertificateHolder[] issued = ESTService
			.storeToArray(TestPki.est(this.est.getBean(EstServer.class).port(), dataDir(this.est), "demo", null)
				.simpleEnroll(false, TestPki.csr("split-device", TestPki.ecKey()), null)
				.getStore());
		X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(issued[0]);

		Map<String, Object> stored = operator(this.ca).get()
			.uri("/api/ca/v1/certificates/{serial}", certificate.getSerialNumber().toString(16))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(stored).containsEntry("caId", "root-ca").containsEntry("subjectCn", "split-device");
		assertThat(status(operator(this.est), "/api/ca/v1/cas")).as("no CA API on the EST instance").isEqualTo(404);
		assertThat(status(operator(this.est), "/api/devmanager/v1/devices/split-device")).isEqualTo(200);

		List<Span> trace = awaitCompleteTrace(this.receiver, "est simpleenroll");
		Span enroll = named(trace, "est simpleenroll");
		Span caCall = only(trace, (span) -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT
				&& span.getName().startsWith("POST ") && descendsFrom(trace, span, enroll));
		assertThat(parent(trace, caCall)).isEqualTo(enroll);
		Span caServer = only(trace, (span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
				&& parentOf(trace, span).filter(caCall::equals).isPresent());
		assertThat(descendsFrom(trace, assertCaSignTree(trace), caServer)).as("ca sign runs in the CA's server span")
			.isTrue();

		// (OTLP log export is left out: two applications in one JVM share Logback's
		// configuration)
		assertThat(spans(this.receiver)).as("no exported span carries the token")
			.allSatisfy((span) -> assertThat(span.toString()).doesNotContain(this.serviceToken));
		assertThat(output).as("nothing printed carries the token").doesNotContain(this.serviceToken);
	}

	@Test
	void serviceTokenReadsCasAndCertificatesAndSigns() throws Exception {
		HttpResponse<String> ca = send(this.serviceToken, "GET", "/api/ca/v1/cas/root-ca", null);
		assertThat(ca.statusCode()).isEqualTo(200);
		assertThat(send(this.serviceToken, "GET", "/api/ca/v1/certificates/abc", null).statusCode())
			.as("authenticated: the certificate is just unknown")
			.isEqualTo(404);
		assertThat(send(this.serviceToken, "POST", "/api/ca/v1/cas/root-ca/certificates/sign", "{}").statusCode())
			.as("authenticated: the CSR is just missing")
			.isEqualTo(400);
	}

	@Test
	void serviceTokenCannotDoWhatOnlyOperatorsDo() throws Exception {
		assertThat(send(this.serviceToken, "GET", "/api/ca/v1/cas", null).statusCode()).isEqualTo(403);
		assertThat(send(this.serviceToken, "POST", "/api/ca/v1/cas",
				"{\"id\":\"rogue\",\"name\":\"Rogue\",\"subject\":\"CN=Rogue\"}")
			.statusCode()).isEqualTo(403);
		assertThat(send(this.serviceToken, "POST", "/api/ca/v1/certificates/abc/revoke", "{}").statusCode())
			.isEqualTo(403);
	}

	@Test
	void wrongServiceTokenIsRefusedWithAProblemAndASecurityEvent(CapturedOutput output) throws Exception {
		String wrong = randomToken();
		double refusedBefore = refusals();

		HttpResponse<String> response = send(wrong, "GET", "/api/ca/v1/cas/root-ca", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"selfobs-pki\", error=\"invalid_token\"");
		assertThat(response.body()).contains("\"type\":\"urn:selfobs:pki:problem:unauthorized\"",
				"\"detail\":\"The service token is not valid\"", "\"status\":401");
		assertThat(refusals()).isEqualTo(refusedBefore + 1);
		assertThat(ConsoleOutput.since(output, 0, (written) -> written.contains("Service token refused")))
			.contains("Service token refused")
			.doesNotContain(wrong)
			.doesNotContain(this.serviceToken);
	}

	@Test
	void estInstanceWithoutServiceTokenDoesNotStart(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("est", "--pki.ca.base-url=" + baseUrl(this.ca)))
			.havingRootCause()
			.isInstanceOf(InvalidPkiPropertyException.class);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Configuration property 'pki.ca.service-token' is not set", "'openssl rand -base64 32'");
	}

	@Test
	void estInstanceWithAShortServiceTokenDoesNotStartNorPrintIt(CapturedOutput output) {
		String shortToken = "too-short-" + randomToken().substring(0, 8);
		assertThatException()
			.isThrownBy(
					() -> start("est", "--pki.ca.base-url=" + baseUrl(this.ca), "--pki.ca.service-token=" + shortToken))
			.havingRootCause()
			.isInstanceOf(InvalidPkiPropertyException.class);
		assertThat(output)
			.contains("APPLICATION FAILED TO START",
					"Configuration property 'pki.ca.service-token' has an unusable value (not shown: it is a secret)",
					"fewer than 32")
			.doesNotContain(shortToken);
	}

	private double refusals() {
		Counter counter = this.ca.getBean(MeterRegistry.class)
			.find("security.events")
			.tags("action", "api-service-token", "outcome", "failure")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> send(String token, String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(this.ca) + path))
			.header("Authorization", "Bearer " + token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private ConfigurableApplicationContext start(String role, String... arguments) throws Exception {
		Path dataDir = Files.createTempDirectory("pki-" + role);
		this.dataDirs.add(dataDir);
		return new SpringApplicationBuilder(PkiApplication.class)
			.run(concat(new String[] { "--pki.roles=" + role, "--pki.data-dir=" + dataDir, "--server.port=0",
					"--pki.est.port=0", "--pki.outbox.worker-enabled=false" }, arguments));
	}

	private static Path dataDir(ConfigurableApplicationContext context) {
		return Path.of(context.getEnvironment().getRequiredProperty("pki.data-dir"));
	}

	private static String[] concat(String[] first, String... second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String baseUrl(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	private static int status(RestClient client, String path) {
		return client.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
	}

	private static RestClient operator(ConfigurableApplicationContext context) {
		return RestClient.builder()
			.baseUrl(baseUrl(context))
			.defaultHeaders((headers) -> headers.setBasicAuth("operator", "demo-operator-password"))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
