package io.selfobs.sample.pki.web;

import io.selfobs.sample.pki.crypto.CryptoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the crypto engine become a problem response that names no key material.
 */
@RestControllerAdvice(basePackages = "io.selfobs.sample.pki.ca")
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(CryptoException.class)
	ErrorResponseException cryptoFailure(CryptoException ex) {
		log.atError().setCause(ex).addKeyValue("error.type", "crypto_failure").log("Crypto engine operation failed");
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "crypto-failure",
				"The CA key could not be used; the server log has the details");
	}

}
