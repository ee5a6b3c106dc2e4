package io.selfobs.sample.pki.est;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.est.server.EstServer;
import io.selfobs.sample.pki.security.PkiSecurityProperties;
import io.selfobs.sample.pki.web.RequestBodyLimitFilter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * EST endpoints (RFC 7030 §3.2.2), labelled ({@code /.well-known/est/{dms}/...}) and
 * unlabelled (default DMS). Served only on the HTTPS connector. Errors are text/plain.
 */
@RestController
@RequestMapping("/.well-known/est")
@ConditionalOnRole(PkiProperties.Role.EST)
class EstController {

	static final MediaType CERTS_ONLY = MediaType.parseMediaType("application/pkcs7-mime; smime-type=certs-only");

	private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final EstService service;

	private final EstServer server;

	private final long maxBodyBytes;

	EstController(EstService service, EstServer server, PkiSecurityProperties properties) {
		this.service = service;
		this.server = server;
		this.maxBodyBytes = properties.getMaxRequestBody().toBytes();
	}

	@GetMapping({ "/cacerts", "/{label}/cacerts" })
	ResponseEntity<String> caCerts(@PathVariable(required = false) String label, HttpServletRequest request) {
		return respond(request, () -> certsOnly(this.service.caCerts(label)));
	}

	@GetMapping({ "/csrattrs", "/{label}/csrattrs" })
	ResponseEntity<String> csrAttributes(@PathVariable(required = false) String label, HttpServletRequest request) {
		return respond(request, () -> {
			this.service.csrAttributes(label);
			return ResponseEntity.noContent().build();
		});
	}

	@PostMapping({ "/simpleenroll", "/{label}/simpleenroll" })
	ResponseEntity<String> simpleEnroll(@PathVariable(required = false) String label,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest request) {
		return enroll(EstOperation.SIMPLEENROLL, label, contentType, authorization, request);
	}

	@PostMapping({ "/simplereenroll", "/{label}/simplereenroll" })
	ResponseEntity<String> simpleReenroll(@PathVariable(required = false) String label,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest request) {
		return enroll(EstOperation.SIMPLEREENROLL, label, contentType, authorization, request);
	}

	private ResponseEntity<String> enroll(EstOperation operation, String label, String contentType,
			String authorization, HttpServletRequest request) {
		X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
		return respond(request, () -> certsOnly(this.service.enroll(new EnrollRequest(label, operation, contentType,
				() -> body(request), chain, authorization, request.getRemoteAddr()))));
	}

	/**
	 * The body, read only up to the limit: an oversize request is refused (and counted)
	 * without being buffered.
	 */
	private byte[] body(HttpServletRequest request) {
		String tooLarge = "The request body is larger than the " + this.maxBodyBytes + " bytes this server accepts";
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			throw new EstFailure(FailureReason.REQUEST_TOO_LARGE, tooLarge);
		}
		try {
			byte[] body = RequestBodyLimitFilter.readAtMost(request.getInputStream(), this.maxBodyBytes);
			if (body == null) {
				throw new EstFailure(FailureReason.REQUEST_TOO_LARGE, tooLarge);
			}
			return body;
		}
		catch (IOException ex) {
			throw new EstFailure(FailureReason.MALFORMED_CSR, "The request body could not be read");
		}
	}

	private ResponseEntity<String> respond(HttpServletRequest request, Supplier<ResponseEntity<String>> work) {
		if (request.getLocalPort() != this.server.port()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(TEXT)
				.body("EST is served over HTTPS on port " + this.server.port() + "\n");
		}
		try {
			return work.get();
		}
		catch (EstFailure failure) {
			ResponseEntity.BodyBuilder response = ResponseEntity.status(failure.getReason().status()).contentType(TEXT);
			if (failure.getReason() == FailureReason.AUTH_REQUIRED) {
				response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"est\", charset=\"UTF-8\"");
			}
			if (failure.getRetryAfterSeconds() > 0) {
				response.header(HttpHeaders.RETRY_AFTER, Long.toString(failure.getRetryAfterSeconds()));
			}
			if (failure.getReason() == FailureReason.REQUEST_TOO_LARGE) {
				// the unread rest of the body is not worth keeping the connection for
				response.header(HttpHeaders.CONNECTION, "close");
			}
			return response.body(failure.getReason().label() + ": " + failure.getMessage() + "\n");
		}
	}

	private static ResponseEntity<String> certsOnly(String base64) {
		return ResponseEntity.ok().contentType(CERTS_ONLY).header("Content-Transfer-Encoding", "base64").body(base64);
	}

}
