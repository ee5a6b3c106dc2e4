package io.selfobs.sample.pki.est;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.web.Problems;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The EST server's client of the CA API, over HTTP as between two services: the Boot-built {@link RestClient}
 * is observed, so each call is a client span whose server side joins the same trace.
 */
@Component
@ConditionalOnRole(PkiProperties.Role.EST)
class CaClient {

	private final RestClient client;

	private final PkiProperties.Ca properties;

	private final Environment environment;

	CaClient(RestClient.Builder builder, PkiProperties properties, Environment environment) {
		PkiProperties.Ca ca = properties.getCa();
		this.client = builder.clone()
			.defaultHeaders((headers) -> headers.setBasicAuth(ca.getUsername(), ca.getPassword()))
			.build();
		this.properties = ca;
		this.environment = environment;
	}

	record CaInfo(String id, String status, String certificate, List<String> chain, Instant notAfter) {
	}

	record CertificateInfo(String serial, String caId, String status, String certificate, Instant notAfter) {
	}

	/**
	 * A CA API answer other than success.
	 *
	 * @param status the HTTP status
	 * @param problemType the problem type slug, or {@code null}
	 * @param detail the problem detail
	 */
	record CaProblem(HttpStatus status, String problemType, String detail) {
	}

	static final class CaCallException extends RuntimeException {

		private final CaProblem problem;

		CaCallException(CaProblem problem) {
			super("CA API answered " + problem.status().value() + ": " + problem.detail());
			this.problem = problem;
		}

		CaProblem problem() {
			return this.problem;
		}

	}

	Optional<CaInfo> ca(String id) {
		return optional(() -> this.client.get().uri(baseUrl() + "/api/ca/v1/cas/{id}", id).retrieve().body(CaInfo.class));
	}

	Optional<CertificateInfo> certificate(String serial) {
		return optional(() -> this.client.get()
			.uri(baseUrl() + "/api/ca/v1/certificates/{serial}", serial)
			.retrieve()
			.body(CertificateInfo.class));
	}

	CertificateInfo sign(String caId, String csrPem, int validityDays) {
		try {
			return this.client.post()
				.uri(baseUrl() + "/api/ca/v1/cas/{id}/certificates/sign", caId)
				.body(new SignRequest(csrPem, validityDays))
				.retrieve()
				.body(CertificateInfo.class);
		}
		catch (RestClientResponseException ex) {
			throw new CaCallException(problem(ex));
		}
	}

	record SignRequest(String csr, int validityDays) {
	}

	private <T> Optional<T> optional(Supplier<T> call) {
		try {
			return Optional.ofNullable(call.get());
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == 404) {
				return Optional.empty();
			}
			throw new CaCallException(problem(ex));
		}
	}

	private static CaProblem problem(RestClientResponseException ex) {
		HttpStatus status = HttpStatus.valueOf(ex.getStatusCode().value());
		try {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			if (problem != null) {
				return new CaProblem(status, Problems.slug(problem.getType()), problem.getDetail());
			}
		}
		catch (RuntimeException notProblemJson) {
			// fall back to the status alone
		}
		return new CaProblem(status, null, ex.getStatusText());
	}

	private String baseUrl() {
		if (this.properties.getBaseUrl() != null) {
			return this.properties.getBaseUrl().toString().replaceAll("/+$", "");
		}
		// Default: this same application, over its main HTTP connector
		return "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
	}

}
