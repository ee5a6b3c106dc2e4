package io.selfobs.autoconfigure.redaction;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedactorTests {

	private static final String MASK = "[REDACTED]";

	private final Redactor redactor = Redactor.builder().build();

	@Test
	void cleanTextIsReturnedAsTheSameInstance() {
		String line = "GET /api/orders/42 completed in 12ms with status 200";
		assertThat(this.redactor.redact(line)).isSameAs(line);
	}

	@Test
	void nullAndEmptyPassThrough() {
		assertThat(this.redactor.redact(null)).isNull();
		assertThat(this.redactor.redact("")).isEmpty();
		assertThat(this.redactor.redactValue("password", null)).isNull();
		assertThat(this.redactor.redactQuery(null)).isNull();
		assertThat(this.redactor.redactUrl(null)).isNull();
	}

	@Test
	void pemPrivateKeyBlockIsReplacedWhole() {
		String redacted = this.redactor.redact("key: " + RedactionCanaries.PEM_PRIVATE_KEY + " loaded");
		assertThat(redacted).isEqualTo("key: " + MASK + " loaded");
	}

	@Test
	void truncatedPemPrivateKeyIsReplacedToTheEnd() {
		assertThat(this.redactor.redact("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3")).isEqualTo(MASK);
	}

	@Test
	void pemPrivateKeyAfterACertificateAndAMentionIsReplaced() {
		String certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
		assertThat(this.redactor.redact("PRIVATE KEY follows " + certificate
				+ "\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n" + "-----END EC PRIVATE KEY-----"))
			.isEqualTo("PRIVATE KEY follows " + certificate + "\n" + MASK);
	}

	@Test
	void pemCertificateIsKept() {
		String certificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
		assertThat(this.redactor.redact(certificate)).isEqualTo(certificate);
	}

	@Test
	void jwtIsReplaced() {
		assertThat(this.redactor.redact("token " + RedactionCanaries.JWT + " rejected"))
			.isEqualTo("token " + MASK + " rejected");
	}

	@Test
	void bearerTokenIsReplacedAndSchemeKept() {
		assertThat(this.redactor.redact("sent bearer abc123def456 upstream"))
			.isEqualTo("sent bearer " + MASK + " upstream");
	}

	@Test
	void bearerTokenAfterBearerInProseIsReplaced() {
		assertThat(this.redactor.redact("the bearer of bad news sent Bearer abc123def456"))
			.isEqualTo("the bearer of bad news sent Bearer " + MASK);
	}

	@Test
	void bearerInProseIsKept() {
		assertThat(this.redactor.redact("Bearer token missing")).isEqualTo("Bearer token missing");
	}

	@Test
	void basicCredentialsAreReplacedOnlyWhenTheyDecodeToUserAndPassword() {
		String credentials = RedactionCanaries.BASIC_CREDENTIALS;
		assertThat(this.redactor.redact("using Basic " + credentials)).isEqualTo("using Basic " + MASK);
		assertThat(this.redactor.redact("Basic authentication failed")).isEqualTo("Basic authentication failed");
		String notCredentials = java.util.Base64.getEncoder()
			.encodeToString("no colon".getBytes(StandardCharsets.UTF_8));
		assertThat(this.redactor.redact("Basic " + notCredentials)).isEqualTo("Basic " + notCredentials);
	}

	@Test
	void authorizationHeaderLineKeepsTheSchemeOnly() {
		assertThat(this.redactor.redact("Authorization: Bearer abc.def-ghi"))
			.isEqualTo("Authorization: Bearer " + MASK);
		assertThat(this.redactor.redact("proxy-authorization: Negotiate YIIabc"))
			.isEqualTo("proxy-authorization: Negotiate " + MASK);
		assertThat(this.redactor.redact("Authorization: secret-without-scheme")).isEqualTo("Authorization: " + MASK);
	}

	@Test
	void cookieHeaderLineIsReplacedToTheEndOfTheLine() {
		assertThat(this.redactor.redact("Cookie: a=1; SESSION=xyz\nnext line"))
			.isEqualTo("Cookie: " + MASK + "\nnext line");
	}

	@Test
	void urlUserInfoIsReplaced() {
		assertThat(this.redactor.redact("jdbc to postgresql://app:s3cr@t@db:5432/x ok"))
			.isEqualTo("jdbc to postgresql://" + MASK + ":" + MASK + "@db:5432/x ok");
		assertThat(this.redactor.redact("https://ghp_token@github.com/x"))
			.isEqualTo("https://" + MASK + "@github.com/x");
	}

	@Test
	void urlWithAtSignInQueryIsKept() {
		String url = "https://example.com/search?email=a@b.com";
		assertThat(this.redactor.redact(url)).isEqualTo(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "password=%s done", "db.password = %s done", "PASSWORD: %s done",
			"\"client_secret\": \"%s\" done", "{'apiKey':'%s'} done", "X-Auth-Token=%s done",
			"refresh_token=%s&x=1 done", "sessionId=%s, done", "my-private-key=%s done",
			"aws_secret_access_key=%s done" })
	void valueOfSensitiveKeyIsReplaced(String template) {
		String redacted = this.redactor.redact(template.formatted("hunter2x"));
		assertThat(redacted).doesNotContain("hunter2x").contains(MASK).endsWith("done");
	}

	@Test
	void quotedValueKeepsItsQuotes() {
		assertThat(this.redactor.redact("{\"password\": \"a b c\", \"user\": \"bob\"}"))
			.isEqualTo("{\"password\": \"" + MASK + "\", \"user\": \"bob\"}");
	}

	@Test
	void jsonEscapedInsideAStringIsRedacted() {
		assertThat(this.redactor.redact("body={\\\"token\\\":\\\"abc\\\"}"))
			.isEqualTo("body={\\\"token\\\":\\\"" + MASK + "\\\"}");
	}

	@Test
	void codeIsSensitiveOnlyAsAUrlParameter() {
		assertThat(this.redactor.redact("GET /cb?code=SplxlOBeZQQYbYS6WxSbIA&state=x"))
			.isEqualTo("GET /cb?code=" + MASK + "&state=x");
		assertThat(this.redactor.redact("status code=503")).isEqualTo("status code=503");
	}

	@Test
	void awsAccessKeyIdIsReplaced() {
		assertThat(this.redactor.redact("id AKIAIOSFODNN7EXAMPLE used")).isEqualTo("id " + MASK + " used");
		assertThat(this.redactor.redact("XAKIAIOSFODNN7EXAMPLE")).isEqualTo("XAKIAIOSFODNN7EXAMPLE");
		assertThat(this.redactor.redact("ACCAIOSFODNN7EXAMPLE")).isEqualTo(MASK);
	}

	@Test
	void githubTokensAreReplaced() {
		assertThat(this.redactor.redact("t=" + RedactionCanaries.GITHUB_TOKEN.substring(0, 2) + "x"))
			.isEqualTo("t=ghx");
		assertThat(this.redactor.redact("clone with " + RedactionCanaries.GITHUB_TOKEN))
			.isEqualTo("clone with " + MASK);
		String fineGrained = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";
		assertThat(this.redactor.redact("use " + fineGrained)).isEqualTo("use " + MASK);
	}

	@Test
	void luhnValidCardNumbersKeepTheirLastFourDigits() {
		assertThat(this.redactor.redact("card 4242424242424242 declined")).isEqualTo("card ************4242 declined");
		assertThat(this.redactor.redact("card 5555-5555-5555-4444.")).isEqualTo("card ****-****-****-4444.");
		assertThat(this.redactor.redact("amex 3782 822463 10005")).isEqualTo("amex **** ****** *0005");
		assertThat(this.redactor.redact("4242424242424242")).isEqualTo("************4242");
		assertThat(this.redactor.redact("a=4242424242424242,b=5555555555554444"))
			.isEqualTo("a=************4242,b=************4444");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ref 4242424242424241", "epoch 1732406400000", "id a4242424242424242",
			"phone +1 415 555 2671", "date 2025-11-24 12:00" })
	void numbersThatAreNotCardsAreKept(String text) {
		assertThat(this.redactor.redact(text)).isEqualTo(text);
	}

	@Test
	void redactingTwiceChangesNothing() {
		RedactionCanaries.freeText().values().forEach((line) -> {
			String once = this.redactor.redact(line);
			assertThat(this.redactor.redact(once)).as(line).isSameAs(once);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-Api-Key",
			"X-Auth-Token", "X-CSRF-Token", "x-xsrf-token", "X-Amz-Security-Token", "password", "db_passwd", "PWD",
			"clientSecret", "access_token", "refresh-token", "id_token", "api.key", "apiKey", "credentials",
			"private_key", "JSESSIONID", "sig", "X-Amz-Signature", "X-Amz-Credential", "X-Goog-Signature",
			"client_secret", "code", "hmac-key" })
	void sensitiveKeys(String key) {
		assertThat(this.redactor.isSensitiveKey(key)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tokenizer", "cache.key", "user", "id", "status_code", "Accept", "X-Request-Id", "signal",
			"passage", "keys" })
	void ordinaryKeys(String key) {
		assertThat(this.redactor.isSensitiveKey(key)).isFalse();
	}

	@Test
	void redactValueMasksSensitiveKeysAndScansOthers() {
		assertThat(this.redactor.redactValue("X-Api-Key", "abc")).isEqualTo(MASK);
		assertThat(this.redactor.redactValue("Authorization", "Bearer abc")).isEqualTo("Bearer " + MASK);
		assertThat(this.redactor.redactValue("http.url", "https://u:p@h/x"))
			.isEqualTo("https://" + MASK + ":" + MASK + "@h/x");
		String clean = "plain value";
		assertThat(this.redactor.redactValue("note", clean)).isSameAs(clean);
	}

	@Test
	void keyDecisionsStayRightWhenAKeyRecursAndBeyondTheKeysRemembered() {
		for (int i = 0; i < 2000; i++) {
			assertThat(this.redactor.redactValue("field" + i, "v")).isEqualTo("v");
			assertThat(this.redactor.redactValue("field" + i + ".password", "v")).isEqualTo(MASK);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(this.redactor.redactValue("db.password", "hunter2")).isEqualTo(MASK);
			assertThat(this.redactor.redactValue("note", "see " + RedactionCanaries.JWT)).isEqualTo("see " + MASK);
			assertThat(this.redactor.redactValue("code", "42")).isEqualTo(MASK);
		}
	}

	@Test
	void redactQueryKeepsNamesAndMasksSensitiveValues() {
		assertThat(this.redactor.redactQuery("page=2&access_token=abc&X-Amz-Signature=def&flag&sort=asc"))
			.isEqualTo("page=2&access_token=" + MASK + "&X-Amz-Signature=" + MASK + "&flag&sort=asc");
		assertThat(this.redactor.redactQuery("access%5Ftoken=abc")).isEqualTo("access%5Ftoken=" + MASK);
		assertThat(this.redactor.redactQuery("code=xyz&q=" + RedactionCanaries.JWT))
			.isEqualTo("code=" + MASK + "&q=" + MASK);
		String clean = "page=2&sort=asc";
		assertThat(this.redactor.redactQuery(clean)).isSameAs(clean);
	}

	@Test
	void redactUrlCoversUserInfoQueryAndFragment() {
		assertThat(this.redactor.redactUrl(RedactionCanaries.requestUrl())).isEqualTo("https://" + MASK + ":" + MASK
				+ "@api.example.com/v1/items?page=2&access_token=" + MASK + "&sig=" + MASK);
		assertThat(this.redactor.redactUrl("https://app/cb#access_token=abc&state=1"))
			.isEqualTo("https://app/cb#access_token=" + MASK + "&state=1");
		String clean = "https://example.com/a?b=c#top";
		assertThat(this.redactor.redactUrl(clean)).isSameAs(clean);
	}

	@Test
	void noHeaderIsAllowedByDefault() {
		assertThat(this.redactor.allowedHeaders(RedactionCanaries.requestHeaders())).isEmpty();
	}

	@Test
	void allowListedHeadersAreKeptButSensitiveOnesNever() {
		Redactor redactor = Redactor.builder()
			.allowedHeaders(List.of("accept", "X-REQUEST-ID", "Authorization", "Cookie"))
			.build();
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("Accept", "application/json");
		expected.put("X-Request-Id", "req-7d1f2c");
		assertThat(redactor.allowedHeaders(RedactionCanaries.requestHeaders())).containsExactlyEntriesOf(expected);
		assertThat(redactor.isAllowedHeader("authorization")).isFalse();
	}

	@Test
	void extraSensitiveKeysAndValuePatterns() {
		Redactor redactor = Redactor.builder()
			.sensitiveKeys(List.of("pin", "*ssn"))
			.valuePatterns(List.of(Pattern.compile("ACME-\\d{6}"), Pattern.compile("iban (\\w+)")))
			.build();
		assertThat(redactor.redact("pin=1234 user_ssn=1 ACME-123456 iban DE89370400440532013000"))
			.isEqualTo("pin=" + MASK + " user_ssn=" + MASK + " " + MASK + " iban " + MASK);
		assertThat(redactor.isSensitiveKey("spin")).isFalse();
	}

	@Test
	void allowedKeysAndValuesAlwaysPass() {
		Redactor redactor = Redactor.builder().allowedKeys(List.of("csrf*")).allowedValues(List.of("none")).build();
		assertThat(redactor.redact("csrf_token=abc password=none secret=x"))
			.isEqualTo("csrf_token=abc password=none secret=" + MASK);
		assertThat(redactor.redactValue("csrf-token", "abc")).isEqualTo("abc");
		assertThat(redactor.isSensitiveKey("csrf.token")).isFalse();
	}

	@Test
	void valuesOfClosedSetKeysSkipValuePatternsUnlessTheKeyIsMarkedSensitive() {
		// A value pattern would mask this JWT anywhere else; under a key whose values
		// come
		// from code or a closed set the scan is skipped
		String jwtLike = RedactionCanaries.JWT;
		assertThat(this.redactor.redactValue("http.route", jwtLike)).isSameAs(jwtLike);
		assertThat(this.redactor.redactValue("db.operation.name", jwtLike)).isSameAs(jwtLike);
		assertThat(this.redactor.redactValue("trace.id", jwtLike)).isSameAs(jwtLike);
		assertThat(this.redactor.redactValue("http.request.method_original", jwtLike)).isEqualTo(MASK);
		assertThat(this.redactor.redactValue("url.path", "/reset/" + jwtLike)).isEqualTo("/reset/" + MASK);
		Redactor routeSensitive = Redactor.builder().sensitiveKeys(List.of("http.route")).build();
		assertThat(routeSensitive.redactValue("http.route", "/orders/{id}")).isEqualTo(MASK);
	}

	@Test
	void hmacReplacementIsStableKeyedAndNotReversible() {
		byte[] key = RedactionCanaries.HMAC_KEY.getBytes(StandardCharsets.UTF_8);
		Redactor redactor = Redactor.builder().hmacKey(key).build();
		String first = redactor.redact("password=hunter2x");
		assertThat(first).matches("password=\\[HMAC:[A-Za-z0-9_-]{16}]").doesNotContain("hunter2x");
		assertThat(redactor.redact("other password=hunter2x")).endsWith(first);
		assertThat(redactor.redact("password=hunter3x")).isNotEqualTo(first);
		assertThat(redactor.redact(first)).isEqualTo(first);
		byte[] otherKey = (RedactionCanaries.HMAC_KEY + "2").getBytes(StandardCharsets.UTF_8);
		assertThat(Redactor.builder().hmacKey(otherKey).build().redact("password=hunter2x")).isNotEqualTo(first);
	}

	@Test
	void shortHmacKeyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().hmacKey(new byte[31]))
			.withMessageContaining("32 bytes");
	}

	@Test
	void misplacedWildcardIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().sensitiveKeys(List.of("a*b")));
	}

	@Test
	void disabledRedactorChangesNothingButStillFiltersHeaders() {
		Redactor redactor = Redactor.builder().enabled(false).allowedHeaders(List.of("Authorization")).build();
		String line = "password=" + RedactionCanaries.MDC_PASSWORD;
		assertThat(redactor.redact(line)).isSameAs(line);
		assertThat(redactor.isSensitiveKey("password")).isFalse();
		assertThat(redactor.allowedHeaders(RedactionCanaries.requestHeaders())).containsOnlyKeys("Authorization");
		assertThat(Redactor.none().allowedHeaders(RedactionCanaries.requestHeaders())).isEmpty();
	}

}
