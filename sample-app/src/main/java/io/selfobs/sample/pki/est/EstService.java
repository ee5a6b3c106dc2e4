package io.selfobs.sample.pki.est;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.dms.Dms;
import io.selfobs.sample.pki.dms.DmsService;
import io.selfobs.sample.pki.est.authority.CertificateAuthority;
import io.selfobs.sample.pki.est.enrollment.EnrollmentPolicy;
import io.selfobs.sample.pki.est.enrollment.EnrollmentRecorder;
import io.selfobs.sample.pki.est.enrollment.EnrollmentStage;
import io.selfobs.sample.pki.est.enrollment.EstAttempt;
import io.selfobs.sample.pki.est.enrollment.EstAuthenticator;
import io.selfobs.sample.pki.est.enrollment.EstMetrics;
import io.selfobs.sample.pki.security.SecurityEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * RFC 7030 / RFC 8951 enrollment. Everything that can refuse a request
 * ({@link EstAuthenticator}, {@link EnrollmentPolicy}) is checked before the CA signs
 * ({@link EnrollmentRecorder}), so a refused request leaves no certificate, device or
 * event behind. Each step is an observation, and so is the CA's signing: in process under
 * the enrollment, or behind an HTTP client span when the CA is another instance.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.EST)
public class EstService {

	private static final Logger log = LoggerFactory.getLogger(EstService.class);

	private final DmsService dmsService;

	private final CertificateAuthority ca;

	private final EstAuthenticator authenticator;

	private final EnrollmentPolicy policy;

	private final EnrollmentRecorder recorder;

	private final EstMetrics metrics;

	private final SecurityEvents securityEvents;

	private final ObservationRegistry observations;

	private final String defaultDms;

	EstService(DmsService dmsService, CertificateAuthority ca, EstAuthenticator authenticator, EnrollmentPolicy policy,
			EnrollmentRecorder recorder, EstMetrics metrics, SecurityEvents securityEvents,
			ObservationRegistry observations, EstProperties properties) {
		this.dmsService = dmsService;
		this.ca = ca;
		this.authenticator = authenticator;
		this.policy = policy;
		this.recorder = recorder;
		this.metrics = metrics;
		this.securityEvents = securityEvents;
		this.observations = observations;
		this.defaultDms = properties.getDefaultDms();
	}

	/**
	 * The CA certificates of a DMS's issuing CA as a base64 certs-only CMS.
	 * @param label the DMS label, {@code null} for the default DMS
	 * @return the encoded response body
	 */
	public String caCerts(String label) {
		EstAttempt attempt = new EstAttempt(EstOperation.CACERTS);
		return observeOperation(attempt, () -> {
			Dms dms = lookup(attempt, label);
			CertificateAuthority.CaInfo ca = this.ca.ca(dms.issuingCaId())
				.orElseThrow(() -> new EstFailure(FailureReason.CA_NOT_ACTIVE,
						"The issuing CA '" + dms.issuingCaId() + "' of DMS '" + dms.id() + "' does not exist"));
			return step("response_encoding",
					() -> CertsOnly.encode(ca.chain().stream().map(Pem::certificate).toList()));
		});
	}

	/**
	 * Answer {@code csrattrs}: this server asks for no particular attributes.
	 * @param label the DMS label, {@code null} for the default DMS
	 */
	public void csrAttributes(String label) {
		EstAttempt attempt = new EstAttempt(EstOperation.CSRATTRS);
		observeOperation(attempt, () -> lookup(attempt, label));
	}

	/**
	 * Enroll or re-enroll.
	 * @param request the request
	 * @return the issued certificate as a base64 certs-only CMS
	 */
	public String enroll(EnrollRequest request) {
		EstAttempt attempt = new EstAttempt(request.operation());
		return observeOperation(attempt, () -> {
			Dms dms = lookup(attempt, request.label());
			this.metrics.reached(attempt, EnrollmentStage.RECEIVED);
			EnrollmentPolicy.requirePkcs10(request.contentType());
			X509Certificate clientCertificate = step("client_authentication",
					() -> this.authenticator.authenticate(dms, request));
			this.metrics.reached(attempt, EnrollmentStage.AUTHENTICATED);
			Csr csr = step("csr_parse", () -> EnrollmentPolicy.parse(request.body().read()));
			this.policy.validate(dms, request.operation(), csr, clientCertificate);
			this.metrics.reached(attempt, EnrollmentStage.VALIDATED);
			CertificateAuthority.CertificateInfo issued = this.recorder.signAndRecord(attempt, dms, csr);
			String body = step("response_encoding",
					() -> CertsOnly.encode(List.of(Pem.certificate(issued.certificate()))));
			this.metrics.reached(attempt, EnrollmentStage.ISSUED);
			this.metrics.enrolled(attempt);
			log.atInfo()
				.addKeyValue("dms_id", dms.id())
				.addKeyValue("device_id", csr.commonName())
				.addKeyValue("certificate_id", issued.serial())
				.addKeyValue("est.operation", request.operation().label())
				.log("Device enrolled");
			return body;
		});
	}

	private Dms lookup(EstAttempt attempt, String label) {
		String id = (label != null) ? label : this.defaultDms;
		Dms dms = step("dms_lookup", () -> this.dmsService.find(id).orElse(null));
		if (dms == null) {
			throw new EstFailure(FailureReason.UNKNOWN_DMS, "No DMS named '" + id + "'");
		}
		attempt.dmsFound(dms.id());
		return dms;
	}

	private <T> T observeOperation(EstAttempt attempt, Supplier<T> work) {
		Observation observation = Observation.createNotStarted("est.operation.duration", this.observations)
			.contextualName("est " + attempt.operation().label())
			.lowCardinalityKeyValue("operation", attempt.operation().label());
		return observation.observe(() -> {
			try {
				return work.get();
			}
			catch (EstFailure ex) {
				failed(attempt, ex, null);
				throw ex;
			}
			catch (RuntimeException ex) {
				EstFailure failure = new EstFailure(FailureReason.INTERNAL,
						"Internal error: the request was not processed, see the server log");
				failed(attempt, failure, ex);
				throw failure;
			}
		});
	}

	private void failed(EstAttempt attempt, EstFailure failure, @Nullable Exception cause) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			current.highCardinalityKeyValue("failure_reason", failure.getReason().label());
		}
		this.metrics.refused(attempt, failure.getReason());
		var event = (cause != null) ? log.atError().setCause(cause) : log.atWarn();
		if (failure.getReason().isSecurityEvent()) {
			event = this.securityEvents.refusal(event, "authentication", "start",
					"est-" + failure.getReason().label().replace('_', '-'));
		}
		event.addKeyValue("dms_id", attempt.dmsId())
			.addKeyValue("failure_reason", failure.getReason().label())
			.addKeyValue("est.operation", attempt.operation().label())
			.addKeyValue("http.response.status_code", failure.getReason().status().value())
			.log("EST {} failed: {}", attempt.operation().label(), failure.getMessage());
	}

	private <T> T step(String step, Supplier<T> work) {
		return Observation.createNotStarted("est.step", this.observations)
			.contextualName("est " + step.replace('_', ' '))
			.lowCardinalityKeyValue("step", step)
			.observe(work);
	}

}
