package io.selfobs.sample.pki;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;

import io.selfobs.autoconfigure.test.EcsLogValidator;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against every client-controlled field of the CA, DMS and device APIs and of
 * EST, as a client would send it (raw HTTP: lengths the database or the certificate
 * builder cannot hold, wrong types, broken encodings, oversize bodies, malformed headers)
 * and races on one id. Every answer is the right 4xx with a readable body (an RFC 9457
 * problem, or {@code text/plain} for EST), never a 5xx; nothing is half-stored; no error
 * event or stack trace is logged; and every log line of the run passes the ECS field
 * types.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputCorpusTests extends PkiIntegrationTests {

	private static final String CA = "/api/ca/v1/cas";

	private static final String DMS = "/api/dmsmanager/v1/dms";

	private static final String DEVICES = "/api/devmanager/v1/devices";

	private static final String SIGN = "/api/ca/v1/cas/root-ca/certificates/sign";

	private static final String ENROLL = "/.well-known/est/demo/simpleenroll";

	private static final String JSON_TYPE = "application/json";

	private static final String PKCS10 = "application/pkcs10";

	private static final Map<String, String> OPERATOR_AUTH = Map.of("Authorization",
			"Basic " + Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes()));

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static KeyPair key;

	@BeforeAll
	static void deviceKey() throws Exception {
		key = TestPki.ecKey();
	}

	/**
	 * One bad request and the status it must get.
	 */
	private record Case(String name, boolean est, int expected, byte[] request) {
	}

	@Test
	void everyBadRequestIsARefusalWithAReadableBodyAndStoresNothing(CapturedOutput output) throws Exception {
		List<Case> corpus = new ArrayList<>();
		caCases(corpus);
		signCases(corpus);
		queryCases(corpus);
		dmsCases(corpus);
		deviceCases(corpus);
		estCases(corpus);
		// a DMS with a device, which cannot be deleted
		this.api.post()
			.uri(DMS)
			.body(Map.of("id", "corpus-dms", "name", "corpus", "issuingCaId", "root-ca"))
			.retrieve()
			.toBodilessEntity();
		this.api.post()
			.uri(DEVICES)
			.body(Map.of("id", "corpus-device", "dmsId", "corpus-dms"))
			.retrieve()
			.toBodilessEntity();
		Map<String, Long> before = tableCounts();
		Map<String, Object> demoBefore = this.api.get().uri(DMS + "/demo").retrieve().body(JSON);
		int outputStart = output.getOut().length();

		List<String> wrong = new ArrayList<>();
		SSLContext tls = TestPki.sslContext(DATA_DIR, null);
		for (Case bad : corpus) {
			RawHttp.Response response = bad.est() ? RawHttp.tls(tls, "127.0.0.1", this.estServer.port(), bad.request())
					: RawHttp.plain("127.0.0.1", this.httpPort, bad.request());
			String problem = readable(bad, response);
			if (response.status() != bad.expected() || problem != null) {
				wrong.add(bad.name() + ": " + response.status() + " (expected " + bad.expected() + ") "
						+ ((problem != null) ? problem + " " : "") + abbreviate(response.body()));
			}
		}

		assertThat(wrong).as("requests answered otherwise than expected").isEmpty();
		assertThat(tableCounts()).as("nothing stored").isEqualTo(before);
		assertThat(this.api.get().uri(DMS + "/demo").retrieve().body(JSON)).as("demo unchanged").isEqualTo(demoBefore);
		List<JsonNode> lines = EcsLogValidator.load()
			.validateLines(
					ConsoleOutput.since(output, outputStart, (written) -> written.lines().count() >= corpus.size()));
		assertThat(lines).hasSizeGreaterThanOrEqualTo(corpus.size());
		assertThat(lines).as("no error event, no stack trace")
			.noneMatch((line) -> line.has("error.stack_trace") || "ERROR".equals(line.path("log.level").asString("")));
		assertThat(corpus).hasSizeGreaterThan(80);
	}

	@Test
	void aCrlRequestWithAMalformedAcceptIsOneConciseLine(CapturedOutput output) throws Exception {
		int start = output.getOut().length();
		RawHttp.Response response = RawHttp.plain("127.0.0.1", this.httpPort,
				RawHttp.request("GET", "/api/ca/v1/cas/root-ca/crl", Map.of("Accept", "application/"), null));

		assertThat(response.status()).isEqualTo(406);
		assertThat(response.body()).contains("urn:selfobs:pki:problem:not-acceptable");
		List<String> lines = ConsoleOutput.since(output, start, (written) -> written.contains("/crl"))
			.lines()
			.filter((line) -> line.contains("/crl"))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).doesNotContain("stack_trace").doesNotContain("Exception");
	}

	@Test
	void aServerErrorCarriesAProblemAndIsLoggedOnceWithItsCause(CapturedOutput output) throws Exception {
		this.api.post()
			.uri(CA)
			.body(Map.of("id", "corpus-broken-ca", "name", "broken", "subject", "CN=broken"))
			.retrieve()
			.toBodilessEntity();
		this.jdbc
			.sql("update ca set private_key_ref = 'aesgcm1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' "
					+ "where id = 'corpus-broken-ca'")
			.update();
		int start = output.getOut().length();

		RawHttp.Response response = RawHttp.plain("127.0.0.1", this.httpPort, RawHttp.request("POST",
				CA + "/corpus-broken-ca/certificates/sign", json(), bytes(signJson(csr(cn("unlucky-device"))))));

		assertThat(response.status()).isEqualTo(500);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).contains("urn:selfobs:pki:problem:crypto-failure").doesNotContain("aesgcm1");
		List<JsonNode> lines = EcsLogValidator.load()
			.validateLines(ConsoleOutput.since(output, start, (written) -> written.contains("error.stack_trace")));
		assertThat(lines).filteredOn((line) -> line.has("error.stack_trace")).singleElement().satisfies((line) -> {
			assertThat(line.get("log.level").asString()).isEqualTo("ERROR");
			assertThat(line.get("error.type").asString()).endsWith("CryptoException");
		});
	}

	@Test
	void tenParallelCreatesOfOneCaAreOneCreatedAndNineConflicts() throws Exception {
		String body = "{\"id\":\"raced-ca\",\"name\":\"raced\",\"subject\":\"CN=raced\"}";
		List<Integer> statuses = parallel(10,
				() -> RawHttp.plain("127.0.0.1", this.httpPort, RawHttp.request("POST", CA, json(), bytes(body)))
					.status());

		assertThat(statuses).isSubsetOf(201, 409).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from ca where id = 'raced-ca'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void tenParallelCreatesOfOneDmsAndOneDeviceAreOneCreatedAndNineConflicts() throws Exception {
		String dms = "{\"id\":\"raced-dms\",\"name\":\"raced\",\"issuingCaId\":\"root-ca\"}";
		List<Integer> dmsStatuses = parallel(10,
				() -> RawHttp.plain("127.0.0.1", this.httpPort, RawHttp.request("POST", DMS, json(), bytes(dms)))
					.status());
		String device = "{\"id\":\"raced-device\",\"dmsId\":\"raced-dms\"}";
		List<Integer> deviceStatuses = parallel(10,
				() -> RawHttp.plain("127.0.0.1", this.httpPort, RawHttp.request("POST", DEVICES, json(), bytes(device)))
					.status());

		assertThat(dmsStatuses).isSubsetOf(201, 409).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(deviceStatuses).isSubsetOf(201, 409).filteredOn((status) -> status == 201).hasSize(1);
	}

	@Test
	void tenParallelFirstEnrollmentsOfOneDeviceStoreExactlyWhatTheyAnswered() throws Exception {
		String csr = TestPki.base64(TestPki.csr("raced-sensor", TestPki.ecKey()));
		SSLContext tls = TestPki.sslContext(DATA_DIR, null);
		List<RawHttp.Response> responses = parallel(10, () -> RawHttp.tls(tls, "127.0.0.1", this.estServer.port(),
				RawHttp.request("POST", ENROLL, Map.of("Content-Type", PKCS10), bytes(csr))));

		List<Integer> statuses = responses.stream().map(RawHttp.Response::status).toList();
		assertThat(statuses).isSubsetOf(200, 409).contains(200);
		responses.stream()
			.filter((response) -> response.status() == 409)
			.forEach((response) -> assertThat(response.body()).startsWith("enrollment_conflict: "));
		long issued = statuses.stream().filter((status) -> status == 200).count();
		assertThat(this.jdbc.sql("select count(*) from certificate where subject_cn = 'raced-sensor'")
			.query(Long.class)
			.single()).as("certificates stored = certificates answered").isEqualTo(issued);
		assertThat(this.jdbc.sql("select count(*) from dms_certificate where device_id = 'raced-sensor'")
			.query(Long.class)
			.single()).isEqualTo(issued);
	}

	private void caCases(List<Case> corpus) throws Exception {
		api(corpus, "CA id of 65 characters", 400, "POST", CA, caJson("a".repeat(65), "n", "CN=x"));
		api(corpus, "CA id with capitals", 400, "POST", CA, caJson("Bad-Id", "n", "CN=x"));
		api(corpus, "CA id with a path", 400, "POST", CA, caJson("../etc", "n", "CN=x"));
		api(corpus, "CA id with unicode", 400, "POST", CA, caJson("ça", "n", "CN=x"));
		api(corpus, "CA name of 300 characters", 400, "POST", CA, caJson("long-name", "n".repeat(300), "CN=x"));
		api(corpus, "CA name blank", 400, "POST", CA, caJson("blank-name", " ", "CN=x"));
		api(corpus, "CA name missing", 400, "POST", CA, "{\"id\":\"no-name\",\"subject\":\"CN=x\"}");
		api(corpus, "CA subject of 2000 characters", 400, "POST", CA,
				caJson("long-subject", "n", "CN=x,O=" + "o".repeat(2000)));
		api(corpus, "CA subject CN of 65 characters", 400, "POST", CA, caJson("long-cn", "n", "CN=" + "c".repeat(65)));
		api(corpus, "CA subject not a DN", 400, "POST", CA, caJson("no-dn", "n", "this is not a DN"));
		api(corpus, "CA subject without CN", 400, "POST", CA, caJson("no-cn", "n", "O=Example"));
		api(corpus, "CA subject missing", 400, "POST", CA, "{\"id\":\"no-subject\",\"name\":\"n\"}");
		api(corpus, "CA key algorithm unknown", 400, "POST", CA,
				"{\"id\":\"dsa\",\"name\":\"n\",\"subject\":\"CN=x\",\"keyAlgorithm\":\"DSA_1024\"}");
		api(corpus, "CA key algorithm a number", 400, "POST", CA,
				"{\"id\":\"num\",\"name\":\"n\",\"subject\":\"CN=x\",\"keyAlgorithm\":7}");
		api(corpus, "CA validity a word", 400, "POST", CA,
				"{\"id\":\"v1\",\"name\":\"n\",\"subject\":\"CN=x\",\"validityDays\":\"ten\"}");
		api(corpus, "CA validity beyond int", 400, "POST", CA,
				"{\"id\":\"v2\",\"name\":\"n\",\"subject\":\"CN=x\",\"validityDays\":99999999999}");
		api(corpus, "CA validity negative", 400, "POST", CA,
				"{\"id\":\"v3\",\"name\":\"n\",\"subject\":\"CN=x\",\"validityDays\":-1}");
		api(corpus, "CA validity too long", 400, "POST", CA,
				"{\"id\":\"v4\",\"name\":\"n\",\"subject\":\"CN=x\",\"validityDays\":99999}");
		api(corpus, "CA validity fractional", 400, "POST", CA,
				"{\"id\":\"v5\",\"name\":\"n\",\"subject\":\"CN=x\",\"validityDays\":1.5e400}");
		api(corpus, "CA parent of 100 characters", 404, "POST", CA,
				"{\"id\":\"orphan\",\"name\":\"n\",\"subject\":\"CN=x\",\"parentId\":\"" + "p".repeat(100) + "\"}");
		api(corpus, "CA body an array", 400, "POST", CA, "[]");
		api(corpus, "CA body not JSON", 400, "POST", CA, "id=x&name=y");
		api(corpus, "CA body empty", 400, "POST", CA, "");
		api(corpus, "CA body truncated JSON", 400, "POST", CA, "{\"id\":\"trunc\",\"name\":");
		api(corpus, "CA body nested 5000 deep", 400, "POST", CA,
				"{\"id\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
		corpus.add(new Case("CA body invalid UTF-8", false, 400, RawHttp.request("POST", CA, json(),
				concat(bytes("{\"id\":\"utf\",\"name\":\""), new byte[] { (byte) 0xC3, (byte) 0x28 }, bytes("\"}")))));
		corpus.add(new Case("CA body as text/plain", false, 415,
				RawHttp.request("POST", CA, headers("Content-Type", "text/plain"), bytes(caJson("tp", "n", "CN=x")))));
		corpus.add(new Case("CA body with a malformed Content-Type", false, 415, RawHttp.request("POST", CA,
				headers("Content-Type", "application/"), bytes(caJson("mct", "n", "CN=x")))));
		corpus.add(new Case("CA body of 200 KB declared", false, 413, RawHttp.request("POST", CA,
				headers("Content-Type", JSON_TYPE, "Content-Length", "200000"), bytes("{\"id\":"))));
		corpus.add(new Case("CA body of 70 KB chunked", false, 413,
				RawHttp.request("POST", CA, headers("Content-Type", JSON_TYPE, "Transfer-Encoding", "chunked"),
						chunked(caJson("big", "n".repeat(70_000), "CN=x")))));
		corpus.add(new Case("CA list with a malformed Accept", false, 406,
				RawHttp.request("GET", CA, headers("Accept", "application/"), null)));
		api(corpus, "CA delete unknown", 404, "DELETE", CA + "/no-such-ca", null);
		api(corpus, "CA replaced with PUT", 405, "PUT", CA, caJson("put", "n", "CN=x"));
	}

	private void signCases(List<Case> corpus) throws Exception {
		api(corpus, "sign CSR with a CN of 256 characters", 400, "POST", SIGN, signJson(csr(cn("c".repeat(256)))));
		api(corpus, "sign CSR with a CN of 10 000 characters", 400, "POST", SIGN,
				signJson(csr(cn("c".repeat(10_000)))));
		api(corpus, "sign CSR with a subject of 1500 characters", 400, "POST", SIGN,
				signJson(csr(cnAndOrganization("long-org", "o".repeat(1500)))));
		api(corpus, "sign CSR with a NUL in its CN", 400, "POST", SIGN, signJson(csr(cn("nul\u0000device"))));
		api(corpus, "sign CSR with a newline in its CN", 400, "POST", SIGN, signJson(csr(cn("line\nbreak"))));
		api(corpus, "sign CSR without CN", 400, "POST", SIGN,
				signJson(csr(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "only-o").build())));
		api(corpus, "sign CSR not PEM", 400, "POST", SIGN, "{\"csr\":\"not a csr\"}");
		api(corpus, "sign CSR PEM of garbage", 400, "POST", SIGN,
				"{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nAAAA\\n-----END CERTIFICATE REQUEST-----\\n\"}");
		api(corpus, "sign CSR missing", 400, "POST", SIGN, "{}");
		api(corpus, "sign CSR a number", 400, "POST", SIGN, "{\"csr\":12345}");
		api(corpus, "sign CSR an object", 400, "POST", SIGN, "{\"csr\":{\"a\":1}}");
		api(corpus, "sign validity zero", 400, "POST", SIGN,
				"{\"csr\":" + quote(Pem.encode(TestPki.csr("zero-validity", key))) + ",\"validityDays\":0}");
		api(corpus, "sign with a weak RSA key", 400, "POST", SIGN,
				signJson(Pem.encode(TestPki.csr("weak", TestPki.rsaKey(1024)))));
		api(corpus, "sign by a CA id of 1000 characters", 404, "POST",
				CA + "/" + "x".repeat(1000) + "/certificates/sign", signJson(csr(cn("device"))));
		api(corpus, "revoke with an unknown reason", 400, "POST", "/api/ca/v1/certificates/abcdef/revoke",
				"{\"reason\":\"because\"}");
		api(corpus, "revoke with a body array", 400, "POST", "/api/ca/v1/certificates/abcdef/revoke", "[1]");
		api(corpus, "revoke an unknown serial", 404, "POST", "/api/ca/v1/certificates/abcdef/revoke",
				"{\"reason\":\"keyCompromise\"}");
		api(corpus, "revoke a serial of 2000 characters", 404, "POST",
				"/api/ca/v1/certificates/" + "f".repeat(2000) + "/revoke", "{\"reason\":\"keyCompromise\"}");
	}

	private void queryCases(List<Case> corpus) {
		corpus.add(new Case("CRL with a malformed Accept", false, 406,
				RawHttp.request("GET", CA + "/root-ca/crl", headers("Accept", "application/"), null)));
		corpus.add(new Case("CRL with Accept of garbage", false, 406,
				RawHttp.request("GET", CA + "/root-ca/crl", headers("Accept", ";;;,,,==="), null)));
		corpus.add(new Case("CRL with Accept text/html only", false, 406,
				RawHttp.request("GET", CA + "/root-ca/crl", headers("Accept", "text/html"), null)));
		corpus.add(new Case("CRL with Accept application/json only", false, 406,
				RawHttp.request("GET", CA + "/root-ca/crl", headers("Accept", "application/json"), null)));
		corpus.add(new Case("CRL in an unknown format", false, 400,
				RawHttp.request("GET", CA + "/root-ca/crl?format=xml", Map.of(), null)));
		corpus.add(new Case("CRL of an unknown CA", false, 404,
				RawHttp.request("GET", CA + "/" + "u".repeat(300) + "/crl", Map.of(), null)));
		api(corpus, "certificates with a word for limit", 400, "GET", "/api/ca/v1/certificates?limit=many", null);
		api(corpus, "certificates with a limit beyond long", 400, "GET",
				"/api/ca/v1/certificates?limit=99999999999999999999999", null);
		api(corpus, "certificates expiring before a non-date", 400, "GET",
				"/api/ca/v1/certificates?expiring-before=tomorrow", null);
		api(corpus, "certificates with an unknown status", 400, "GET", "/api/ca/v1/certificates?status=LOST", null);
		api(corpus, "certificate with an unknown serial", 404, "GET", "/api/ca/v1/certificates/zz-not-hex", null);
		api(corpus, "CA with an id of 2000 characters", 404, "GET", CA + "/" + "i".repeat(2000), null);
		api(corpus, "API path that does not exist", 404, "GET", "/api/ca/v1/nothing-here", null);
	}

	private void dmsCases(List<Case> corpus) {
		api(corpus, "DMS name of 300 characters", 400, "POST", DMS,
				dmsJson("long-name", "n".repeat(300), "root-ca", ""));
		api(corpus, "DMS issuingCaId of 100 characters", 400, "POST", DMS,
				dmsJson("long-ca", "n", "c".repeat(100), ""));
		api(corpus, "DMS issuingCaId missing", 400, "POST", DMS, "{\"id\":\"no-ca\",\"name\":\"n\"}");
		api(corpus, "DMS bootstrapCaIds [null]", 400, "POST", DMS,
				dmsJson("null-boot", "n", "root-ca", ",\"authMode\":\"CLIENT_CERTIFICATE\",\"bootstrapCaIds\":[null]"));
		String forty = String.join(",", IntStream.range(0, 40).mapToObj((i) -> "\"bootstrap-ca-" + i + "\"").toList());
		api(corpus, "DMS with 40 bootstrap CA ids", 400, "POST", DMS, dmsJson("many-boot", "n", "root-ca",
				",\"authMode\":\"CLIENT_CERTIFICATE\",\"bootstrapCaIds\":[" + forty + "]"));
		api(corpus, "DMS bootstrap CA id of 100 characters", 400, "POST", DMS,
				dmsJson("long-boot", "n", "root-ca", ",\"bootstrapCaIds\":[\"" + "b".repeat(100) + "\"]"));
		api(corpus, "DMS bootstrap CA id with a comma", 400, "POST", DMS,
				dmsJson("comma-boot", "n", "root-ca", ",\"bootstrapCaIds\":[\"a,b\"]"));
		api(corpus, "DMS bootstrapCaIds an object", 400, "POST", DMS,
				dmsJson("object-boot", "n", "root-ca", ",\"bootstrapCaIds\":{\"a\":1}"));
		api(corpus, "DMS client certificates without bootstrap CA", 400, "POST", DMS,
				dmsJson("no-boot", "n", "root-ca", ",\"authMode\":\"CLIENT_CERTIFICATE\""));
		api(corpus, "DMS reenrollCaIds [\"\"]", 400, "POST", DMS,
				dmsJson("empty-reenroll", "n", "root-ca", ",\"reenrollCaIds\":[\"\"]"));
		api(corpus, "DMS auth mode unknown", 400, "POST", DMS,
				dmsJson("bad-auth", "n", "root-ca", ",\"authMode\":\"TRUST_ME\""));
		api(corpus, "DMS registration mode unknown", 400, "POST", DMS,
				dmsJson("bad-registration", "n", "root-ca", ",\"registrationMode\":\"ANYONE\""));
		api(corpus, "DMS validity zero", 400, "POST", DMS, dmsJson("zero", "n", "root-ca", ",\"validityDays\":0"));
		api(corpus, "DMS validity of 4000 days", 400, "POST", DMS,
				dmsJson("long-validity", "n", "root-ca", ",\"validityDays\":4000"));
		api(corpus, "DMS window beyond validity", 400, "POST", DMS,
				dmsJson("window", "n", "root-ca", ",\"validityDays\":10,\"reenrollWindowDays\":11"));
		api(corpus, "DMS validity a string", 400, "POST", DMS,
				dmsJson("string-validity", "n", "root-ca", ",\"validityDays\":\"year\""));
		api(corpus, "DMS id with capitals", 400, "POST", DMS, dmsJson("Upper", "n", "root-ca", ""));
		api(corpus, "DMS id of 65 characters", 400, "POST", DMS, dmsJson("d".repeat(65), "n", "root-ca", ""));
		api(corpus, "DMS id that exists", 409, "POST", DMS, dmsJson("demo", "n", "root-ca", ""));
		api(corpus, "DMS update with a name of 300 characters", 400, "PUT", DMS + "/demo",
				dmsJson("demo", "n".repeat(300), "root-ca", ""));
		api(corpus, "DMS update with 40 bootstrap CA ids", 400, "PUT", DMS + "/demo",
				dmsJson("demo", "n", "root-ca", ",\"bootstrapCaIds\":[" + forty + "]"));
		api(corpus, "DMS update of an unknown DMS", 404, "PUT", DMS + "/no-such-dms", dmsJson("x", "n", "root-ca", ""));
		api(corpus, "DMS delete of an unknown DMS", 404, "DELETE", DMS + "/no-such-dms", null);
		api(corpus, "DMS delete of a DMS with devices", 409, "DELETE", DMS + "/corpus-dms", null);
	}

	private void deviceCases(List<Case> corpus) {
		api(corpus, "device id of 65 characters", 400, "POST", DEVICES,
				"{\"id\":\"" + "d".repeat(65) + "\",\"dmsId\":\"demo\"}");
		api(corpus, "device id of 300 characters", 400, "POST", DEVICES,
				"{\"id\":\"" + "d".repeat(300) + "\",\"dmsId\":\"demo\"}");
		api(corpus, "device id with a control character", 400, "POST", DEVICES,
				"{\"id\":\"tab\\tdevice\",\"dmsId\":\"demo\"}");
		api(corpus, "device id blank", 400, "POST", DEVICES, "{\"id\":\"  \",\"dmsId\":\"demo\"}");
		api(corpus, "device dmsId of 100 characters", 400, "POST", DEVICES,
				"{\"id\":\"long-dms\",\"dmsId\":\"" + "m".repeat(100) + "\"}");
		api(corpus, "device dmsId unknown", 400, "POST", DEVICES, "{\"id\":\"lost\",\"dmsId\":\"nowhere\"}");
		api(corpus, "device dmsId missing", 400, "POST", DEVICES, "{\"id\":\"lost\"}");
		api(corpus, "device id a number array", 400, "POST", DEVICES, "{\"id\":[1,2],\"dmsId\":\"demo\"}");
		api(corpus, "devices with a word for limit", 400, "GET", DEVICES + "?limit=all", null);
		api(corpus, "devices with an unknown status", 400, "GET", DEVICES + "?status=GONE", null);
		api(corpus, "device unknown", 404, "GET", DEVICES + "/" + "q".repeat(500), null);
		api(corpus, "device move without a DMS", 404, "POST", DEVICES + "/nobody/move", "{}");
		api(corpus, "device move body not JSON", 400, "POST", DEVICES + "/nobody/move", "dms=demo");
	}

	private void estCases(List<Case> corpus) throws Exception {
		est(corpus, "EST CSR with a CN of 256 characters", 400, ENROLL, PKCS10, base64(cn("c".repeat(256))));
		est(corpus, "EST CSR with a CN of 10 000 characters", 400, ENROLL, PKCS10, base64(cn("c".repeat(10_000))));
		est(corpus, "EST CSR with a subject of 1500 characters", 400, ENROLL, PKCS10,
				base64(cnAndOrganization("long-org", "o".repeat(1500))));
		est(corpus, "EST CSR with a NUL in its CN", 400, ENROLL, PKCS10, base64(cn("nul\u0000device")));
		est(corpus, "EST CSR with an escape character in its CN", 400, ENROLL, PKCS10, base64(cn("esc\u001b[2J")));
		est(corpus, "EST without Content-Type", 415, ENROLL, null, base64(cn("no-type")));
		est(corpus, "EST with a malformed Content-Type", 415, ENROLL, "application/", base64(cn("bad-type")));
		est(corpus, "EST with Content-Type JSON", 415, ENROLL, JSON_TYPE, "{}");
		est(corpus, "EST body not base64", 400, ENROLL, PKCS10, "%%% not base64 %%%");
		est(corpus, "EST body base64 of garbage", 400, ENROLL, PKCS10,
				Base64.getEncoder().encodeToString("garbage".getBytes()));
		est(corpus, "EST body empty", 400, ENROLL, PKCS10, "");
		est(corpus, "EST body of binary bytes", 400, ENROLL, PKCS10,
				new String(new byte[] { (byte) 0xff, (byte) 0xfe }, StandardCharsets.ISO_8859_1));
		corpus.add(new Case("EST body of 200 KB declared", true, 413, RawHttp.request("POST", ENROLL,
				headers("Content-Type", PKCS10, "Content-Length", "200000"), bytes("MIIB"))));
		corpus.add(new Case("EST body of 70 KB chunked", true, 413, RawHttp.request("POST", ENROLL,
				headers("Content-Type", PKCS10, "Transfer-Encoding", "chunked"), chunked("A".repeat(70_000)))));
		est(corpus, "EST label of 300 characters", 404, "/.well-known/est/" + "l".repeat(300) + "/simpleenroll", PKCS10,
				base64(cn("label")));
		est(corpus, "EST label with percent-encoded unicode", 404, "/.well-known/est/%C3%A7a/simpleenroll", PKCS10,
				base64(cn("label")));
		est(corpus, "EST re-enroll without a certificate", 401, "/.well-known/est/demo/simplereenroll", PKCS10,
				base64(cn("no-cert")));
		corpus.add(new Case("EST enroll with GET", true, 405, RawHttp.request("GET", ENROLL, Map.of(), null)));
		corpus.add(new Case("EST cacerts of a label of 300 characters", true, 404,
				RawHttp.request("GET", "/.well-known/est/" + "l".repeat(300) + "/cacerts", Map.of(), null)));
	}

	private static String readable(Case bad, RawHttp.Response response) {
		String type = String.valueOf(response.header("Content-Type"));
		if (bad.est()) {
			if (!type.startsWith("text/plain")) {
				return "not text/plain: " + type;
			}
			return response.body().matches("(?s)[a-z0-9_]+: .+\\n") ? null : "not '<reason>: <explanation>'";
		}
		if (!type.startsWith("application/problem+json")) {
			return "not a problem: " + type;
		}
		try {
			JsonNode problem = MAPPER.readTree(response.body());
			if (problem.path("status").asInt() != response.status() || problem.path("detail").asString("").isBlank()
					|| problem.path("title").asString("").isBlank()) {
				return "problem without status, title or detail";
			}
			return null;
		}
		catch (RuntimeException ex) {
			return "problem not JSON";
		}
	}

	private Map<String, Long> tableCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of("ca", "dms", "device", "certificate", "dms_certificate", "outbox_event")) {
			counts.put(table, this.jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		return counts;
	}

	private static <T> List<T> parallel(int n, Callable<T> request) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return Collections.unmodifiableList(results);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void api(List<Case> corpus, String name, int expected, String method, String path, String body) {
		corpus.add(new Case(name, false, expected, RawHttp.request(method, path, json(), bytes(body))));
	}

	private static void est(List<Case> corpus, String name, int expected, String path, String contentType,
			String body) {
		Map<String, String> headers = (contentType != null) ? Map.of("Content-Type", contentType) : Map.of();
		corpus.add(new Case(name, true, expected, RawHttp.request("POST", path, headers, bytes(body))));
	}

	private static Map<String, String> json() {
		Map<String, String> headers = new HashMap<>(OPERATOR_AUTH);
		headers.put("Content-Type", JSON_TYPE);
		return headers;
	}

	private static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new HashMap<>(OPERATOR_AUTH);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private static String caJson(String id, String name, String subject) {
		return "{\"id\":" + quote(id) + ",\"name\":" + quote(name) + ",\"subject\":" + quote(subject) + "}";
	}

	private static String dmsJson(String id, String name, String issuingCaId, String more) {
		return "{\"id\":" + quote(id) + ",\"name\":" + quote(name) + ",\"issuingCaId\":" + quote(issuingCaId) + more
				+ "}";
	}

	private static String signJson(String csrPem) {
		return "{\"csr\":" + quote(csrPem) + "}";
	}

	private static String quote(String text) {
		return MAPPER.writeValueAsString(text);
	}

	private static X500Name cn(String commonName) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
	}

	private static X500Name cnAndOrganization(String commonName, String organization) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName)
			.addRDN(BCStyle.O, organization)
			.build();
	}

	private static PKCS10CertificationRequest csrOf(X500Name subject) throws Exception {
		return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
	}

	private static String csr(X500Name subject) throws Exception {
		return Pem.encode(csrOf(subject));
	}

	private static String base64(X500Name subject) throws Exception {
		return TestPki.base64(csrOf(subject));
	}

	private static byte[] bytes(String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] chunked(String body) {
		StringBuilder chunks = new StringBuilder();
		for (int i = 0; i < body.length(); i += 8192) {
			String chunk = body.substring(i, Math.min(body.length(), i + 8192));
			chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
		}
		return bytes(chunks.append("0\r\n\r\n").toString());
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
