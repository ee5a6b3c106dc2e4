package io.selfobs.sample.pki.web;

import java.nio.charset.StandardCharsets;

import io.selfobs.sample.pki.crypto.CryptoException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Every error of the web layer becomes a readable response: an RFC 9457 problem for the
 * REST APIs, a {@code text/plain} line for EST paths (RFC 7030 §4.2.3). The content type
 * is set, never negotiated, so a malformed or unusual {@code Accept} header cannot turn
 * an error into another error. Client mistakes are 4xx and leave only their request event
 * in the log; a 5xx is logged once, as an error event with its cause. Replaces Spring
 * Boot's {@code ProblemDetailsExceptionHandler}.
 */
@RestControllerAdvice
@Order(0)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final String EST_PATH = "/.well-known/est/";

	@ExceptionHandler(CryptoException.class)
	@Nullable ResponseEntity<Object> cryptoFailure(CryptoException ex, WebRequest request) {
		return problem(ex, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "crypto-failure",
				"The CA key could not be used; the server log has the details"), request);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	@Nullable ResponseEntity<Object> duplicate(DuplicateKeyException ex, WebRequest request) {
		return problem(ex, Problems.conflict("already-exists", "The resource already exists"), request);
	}

	@ExceptionHandler(ConcurrencyFailureException.class)
	@Nullable ResponseEntity<Object> concurrentChange(ConcurrencyFailureException ex, WebRequest request) {
		return problem(ex,
				Problems.conflict("concurrent-modification", "A concurrent request changed the same resource; retry"),
				request);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	@Nullable ResponseEntity<Object> integrityViolation(DataIntegrityViolationException ex, WebRequest request) {
		// Input the API should have refused with a precise problem: say so in the log,
		// answer as a client error
		log.atWarn()
			.addKeyValue("error.type", ex.getClass().getName())
			.log("A request was refused by a database constraint instead of validation");
		return problem(ex,
				Problems.badRequest("constraint-violation",
						"The request does not fit the stored data (a value too long or a reference to nothing)"),
				request);
	}

	@ExceptionHandler(InvalidMediaTypeException.class)
	@Nullable ResponseEntity<Object> invalidMediaType(InvalidMediaTypeException ex, WebRequest request) {
		return problem(ex, Problems.badRequest("invalid-header", "A media type header cannot be parsed"), request);
	}

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			// the client went away: nobody to answer, and not the service's error
			return null;
		}
		return problem(ex, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
				"The request was not processed; the server log has the details"), request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestBodyLimitFilter.tooLarge(ex)) {
			return problem(ex, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
					"The request body is larger than the server accepts"), request);
		}
		ProblemDetail body = createProblemDetail(ex, status, "The request body cannot be read: " + readableReason(ex),
				null, null, request);
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	private static String readableReason(HttpMessageNotReadableException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : "unreadable";
		// Jackson's messages carry a source excerpt after the first line: keep the first
		// line only
		int end = message.indexOf('\n');
		message = (end >= 0) ? message.substring(0, end) : message;
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

	private @Nullable ResponseEntity<Object> problem(Exception ex, ErrorResponseException problem, WebRequest request) {
		return handleExceptionInternal(ex, problem.getBody(), new HttpHeaders(), problem.getStatusCode(), request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			log.atError()
				.setCause(ex)
				.addKeyValue("error.type", ex.getClass().getName())
				.addKeyValue("http.response.status_code", statusCode.value())
				.log("Request failed with status {}", statusCode.value());
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		HttpHeaders responseHeaders = new HttpHeaders();
		responseHeaders.addAll(headers);
		if (body instanceof ProblemDetail problem) {
			if (isEst(request)) {
				responseHeaders.setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
				String slug = Problems.slug(problem.getType());
				String label = ((slug != null) ? slug : "error").replace('-', '_');
				return new ResponseEntity<>(label + ": " + problem.getDetail() + "\n", responseHeaders, statusCode);
			}
			responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return new ResponseEntity<>(body, responseHeaders, statusCode);
	}

	private static boolean isEst(WebRequest request) {
		HttpServletRequest servletRequest = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return servletRequest != null && servletRequest.getRequestURI().startsWith(EST_PATH);
	}

}
