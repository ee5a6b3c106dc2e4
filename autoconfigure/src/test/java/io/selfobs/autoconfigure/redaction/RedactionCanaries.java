package io.selfobs.autoconfigure.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct secret values ("canaries") for every channel a secret can reach telemetry by,
 * and ordinary text that must survive redaction. Sink tests put the canaries into their
 * channel (log message, MDC, header, span attribute, OTLP header...) and assert with
 * {@link #leakedIn(String)} that none reaches the output.
 */
public final class RedactionCanaries {

	/** Token of an {@code Authorization: Bearer} header. */
	public static final String BEARER_TOKEN = "cnryBearer7Qx2Lm9Vz4Tk";

	/** User of an {@code Authorization: Basic} header. */
	public static final String BASIC_USER = "cnrybasicuser";

	/** Password of an {@code Authorization: Basic} header. */
	public static final String BASIC_PASSWORD = "cnryBasicPw8Hd3";

	/** The Base64 credentials of the {@code Authorization: Basic} header. */
	public static final String BASIC_CREDENTIALS = Base64.getEncoder()
		.encodeToString((BASIC_USER + ":" + BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8));

	/** Value of a {@code Cookie} header. */
	public static final String COOKIE_VALUE = "cnryCookie5Rg1Wp";

	/** Value of an {@code X-Api-Key} header. */
	public static final String API_KEY_HEADER_VALUE = "cnryApiKeyHdr3Nf6Yb";

	/** Value of an {@code ?access_token=} query parameter. */
	public static final String ACCESS_TOKEN_PARAMETER = "cnryAccessTok2Jd8";

	/** Value of a {@code ?sig=} query parameter. */
	public static final String SIG_PARAMETER = "cnrySig4Kc7Mn";

	/** User in the user-info of a logged URL. */
	public static final String URL_USER = "cnryurluser";

	/** Password in the user-info of a logged URL. */
	public static final String URL_PASSWORD = "cnryUrlPw6Tq1";

	/** Value of an MDC entry named {@code password}. */
	public static final String MDC_PASSWORD = "cnryMdcPw9Ls2";

	/** Value of a key/value field named {@code api_key}. */
	public static final String API_KEY_FIELD = "cnryApiKeyFld1Xv5";

	/** A JWT, for example inside an exception message. */
	public static final String JWT = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
			+ base64Url("{\"sub\":\"cnryJwtSubject\",\"exp\":1900000000}") + ".cnryJwtSignature0Zp4Ck8Uw3Qa";

	/** A line of the body of a PEM private key. */
	public static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCnryPemBody0Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8";

	/** A PEM private key block. */
	public static final String PEM_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\n" + PEM_BODY + "\n"
			+ "cnryPemBodySecondLine9Ii0Jj1Kk2Ll3Mm4Nn5Oo6Pp7Qq8Rr9Ss0Tt1Uu2Vv3Ww4\n-----END PRIVATE KEY-----";

	/** A Luhn-valid card number; only its last four digits may appear. */
	public static final String CARD_NUMBER = "4242424242424242";

	/** Value of a header configured for the OTLP exporter. */
	public static final String OTLP_HEADER_VALUE = "cnryOtlpHeader7Wd3";

	/** An AWS access key id. */
	public static final String AWS_ACCESS_KEY_ID = "AKIACNRY7EXAMPLE2Q4Z";

	/** A GitHub personal access token. */
	public static final String GITHUB_TOKEN = "ghp_cnryGitHub0123456789abcdefghijKLMNOP";

	/** A key for HMAC replacements. */
	public static final String HMAC_KEY = "cnryHmacKey-0123456789abcdefghijklmnopqrstuvwxyz";

	private RedactionCanaries() {
	}

	/**
	 * Return every secret value that must never reach an output.
	 * @return the canaries
	 */
	public static List<String> secrets() {
		return List.of(BEARER_TOKEN, BASIC_CREDENTIALS, BASIC_PASSWORD, COOKIE_VALUE, API_KEY_HEADER_VALUE,
				ACCESS_TOKEN_PARAMETER, SIG_PARAMETER, URL_PASSWORD, MDC_PASSWORD, API_KEY_FIELD, JWT, PEM_BODY,
				CARD_NUMBER, OTLP_HEADER_VALUE, AWS_ACCESS_KEY_ID, GITHUB_TOKEN, HMAC_KEY);
	}

	/**
	 * Return log lines, by the channel they stand for, each holding canaries in free
	 * text.
	 * @return the lines
	 */
	public static Map<String, String> freeText() {
		Map<String, String> lines = new LinkedHashMap<>();
		lines.put("authorization bearer header line", "Authorization: Bearer " + BEARER_TOKEN);
		lines.put("authorization basic header line", "Authorization: Basic " + BASIC_CREDENTIALS);
		lines.put("bearer in prose", "Calling upstream with bearer " + BEARER_TOKEN + " failed");
		lines.put("basic in prose", "retrying with Basic " + BASIC_CREDENTIALS + " after 401");
		lines.put("cookie header line", "Cookie: theme=dark; SESSIONID=" + COOKIE_VALUE);
		lines.put("x-api-key header line", "X-Api-Key: " + API_KEY_HEADER_VALUE);
		lines.put("query parameters",
				"GET /callback?page=2&access_token=" + ACCESS_TOKEN_PARAMETER + "&sig=" + SIG_PARAMETER + " 200");
		lines.put("url user-info",
				"Connecting to postgresql://" + URL_USER + ":" + URL_PASSWORD + "@db.internal:5432/app");
		lines.put("password field", "login attempt password=" + MDC_PASSWORD + " rejected");
		lines.put("api_key field", "api_key=" + API_KEY_FIELD + " user=alice");
		lines.put("json field", "{\"user\":\"alice\",\"apiKey\": \"" + API_KEY_FIELD + "\"}");
		lines.put("escaped json field", "payload={\\\"password\\\":\\\"" + MDC_PASSWORD + "\\\"}");
		lines.put("jwt in exception message", "java.lang.IllegalStateException: Invalid token " + JWT + " (expired)");
		lines.put("pem private key in message", "Loaded key material:\n" + PEM_PRIVATE_KEY + "\nfrom /etc/tls");
		lines.put("card number", "Payment declined for card " + CARD_NUMBER + " amount=12.50");
		lines.put("otlp header in exception", "Export failed: headers {Authorization=Bearer " + OTLP_HEADER_VALUE
				+ ", api-key=" + OTLP_HEADER_VALUE + "}");
		lines.put("aws access key id", "Using credentials " + AWS_ACCESS_KEY_ID + " for bucket logs");
		lines.put("github token", "git clone failed with token " + GITHUB_TOKEN);
		lines.put("stack trace",
				"java.lang.RuntimeException: request failed\n\tat x.Y.call(Y.java:10)\n"
						+ "Caused by: java.io.IOException: 401 for Authorization: Bearer " + BEARER_TOKEN + "\n"
						+ "\tSuppressed: java.lang.IllegalStateException: client_secret=" + API_KEY_FIELD);
		return lines;
	}

	/**
	 * Return request headers carrying canaries, plus ordinary ones.
	 * @return the headers
	 */
	public static Map<String, String> requestHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + BEARER_TOKEN);
		headers.put("Proxy-Authorization", "Basic " + BASIC_CREDENTIALS);
		headers.put("Cookie", "SESSIONID=" + COOKIE_VALUE);
		headers.put("X-Api-Key", API_KEY_HEADER_VALUE);
		headers.put("Accept", "application/json");
		headers.put("X-Request-Id", "req-7d1f2c");
		return headers;
	}

	/**
	 * Return a URL carrying canaries in its user-info and query.
	 * @return the URL
	 */
	public static String requestUrl() {
		return "https://" + URL_USER + ":" + URL_PASSWORD + "@api.example.com/v1/items?page=2&access_token="
				+ ACCESS_TOKEN_PARAMETER + "&sig=" + SIG_PARAMETER;
	}

	/**
	 * Return ordinary text that must pass redaction unchanged.
	 * @return the lines
	 */
	public static List<String> nonSecrets() {
		return List.of("Order 7f3e2a1c-0b4d-4e8f-9a6b-2c1d3e4f5a6b shipped to warehouse 42",
				"Basic authentication is disabled for this realm", "Bearer token missing in request",
				"Reference 4242424242424241 is not a card", "tokenizer=on", "cache.key=users:42",
				"status code: 500, http status code=503", "Connected to https://example.com/api?page=2&sort=asc",
				"user=alice logged in from 10.0.0.7", "duration=12ms at 2025-11-24T00:13:45.123Z epoch=1732406400000",
				"Caused by: java.net.ConnectException: Connection refused", "key=value pairs: a=1, b=2");
	}

	/**
	 * Return the canaries found in an output.
	 * @param output the output of a sink
	 * @return the canaries it contains, empty if none
	 */
	public static List<String> leakedIn(String output) {
		List<String> leaked = new ArrayList<>();
		for (String secret : secrets()) {
			if (output.contains(secret)) {
				leaked.add(secret);
			}
		}
		return leaked;
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
