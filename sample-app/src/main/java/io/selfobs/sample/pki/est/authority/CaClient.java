package io.selfobs.sample.pki.est.authority;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.security.ServiceToken;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The CA API of another instance, over HTTP as between two services, authenticated with
 * the {@link ServiceToken}. The Boot-built {@link RestClient} is observed, so each call
 * is a client span whose server side joins the same trace.
 */
final class CaClient implements CertificateAuthority {

	private final RestClient client;

	CaClient(RestClient.Builder builder, URI baseUrl, ServiceToken token) {
		this.client = builder.clone()
			.baseUrl(baseUrl.toString().replaceAll("/+$", ""))
			.defaultHeaders(token::authorize)
			.build();
	}

	@Override
	public Optional<CaInfo> ca(String id) {
		return optional(() -> this.client.get().uri("/api/ca/v1/cas/{id}", id).retrieve().body(CaInfo.class));
	}

	@Override
	public Optional<CertificateInfo> certificate(String serial) {
		return optional(() -> this.client.get()
			.uri("/api/ca/v1/certificates/{serial}", serial)
			.retrieve()
			.body(CertificateInfo.class));
	}

	@Override
	public CertificateInfo sign(String caId, Csr csr, int validityDays) {
		CertificateInfo issued;
		try {
			issued = this.client.post()
				.uri("/api/ca/v1/cas/{id}/certificates/sign", caId)
				.body(new SignRequest(Pem.encode(csr.request()), validityDays))
				.retrieve()
				.body(CertificateInfo.class);
		}
		catch (RestClientResponseException ex) {
			throw new CaCallException(problem(ex));
		}
		if (issued == null) {
			throw new IllegalStateException("The CA answered a sign request for CA '" + caId + "' with no body");
		}
		return issued;
	}

	record SignRequest(String csr, int validityDays) {
	}

	private static <T> Optional<T> optional(Supplier<T> call) {
		try {
			return Optional.ofNullable(call.get());
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return Optional.empty();
			}
			throw new CaCallException(problem(ex));
		}
	}

	private static CaProblem problem(RestClientResponseException ex) {
		ProblemDetail problem = null;
		try {
			problem = ex.getResponseBodyAs(ProblemDetail.class);
		}
		catch (RuntimeException notProblemJson) {
			// fall back to the status alone
		}
		return CaProblem.of(ex.getStatusCode(), problem, ex.getStatusText());
	}

	@Override
	public boolean joinsTransactions() {
		return false;
	}

}
