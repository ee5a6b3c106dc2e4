package io.selfobs.sample.pki.est;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.BouncyCastle;
import io.selfobs.sample.pki.crypto.Csr;
import io.selfobs.sample.pki.crypto.CsrException;
import io.selfobs.sample.pki.crypto.Pem;
import io.selfobs.sample.pki.device.Device;
import io.selfobs.sample.pki.device.DeviceInOtherDmsException;
import io.selfobs.sample.pki.device.DeviceService;
import io.selfobs.sample.pki.dms.Dms;
import io.selfobs.sample.pki.dms.DmsService;
import io.selfobs.sample.pki.security.LoginThrottle;
import io.selfobs.sample.pki.security.SecurityEvents;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RFC 7030 / RFC 8951 enrollment. Everything that can refuse a request is checked before the CA signs, so a
 * refused request leaves no certificate, device or event behind. Each step is an observation, and so is the CA's
 * signing: in process under the enrollment, or behind an HTTP client span when the CA is another instance.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.EST)
public class EstService {

	private static final Logger log = LoggerFactory.getLogger(EstService.class);

	private static final MediaType PKCS10 = MediaType.parseMediaType("application/pkcs10");

	static final String SIMPLEENROLL = "simpleenroll";

	static final String SIMPLEREENROLL = "simplereenroll";

	private final DmsService dmsService;

	private final DeviceService deviceService;

	private final CertificateAuthority ca;

	private final SecurityEvents securityEvents;

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	private final DaoAuthenticationProvider basicAuthentication;

	private final LoginThrottle loginThrottle;

	private final TransactionTemplate transaction;

	private final String defaultDms;

	EstService(DmsService dmsService, DeviceService deviceService, CertificateAuthority ca, SecurityEvents securityEvents,
			ObservationRegistry observations, MeterRegistry meters, UserDetailsService users,
			PkiProperties properties, LoginThrottle loginThrottle, PlatformTransactionManager transactions) {
		this.dmsService = dmsService;
		this.deviceService = deviceService;
		this.ca = ca;
		this.securityEvents = securityEvents;
		this.observations = observations;
		this.meters = meters;
		this.basicAuthentication = new DaoAuthenticationProvider(users);
		this.loginThrottle = loginThrottle;
		this.transaction = new TransactionTemplate(transactions);
		this.defaultDms = properties.getEst().getDefaultDms();
	}

	/**
	 * An enrollment request as received.
	 *
	 * @param label the DMS label, {@code null} for the default DMS
	 * @param operation {@code simpleenroll} or {@code simplereenroll}
	 * @param contentType the Content-Type header
	 * @param body reads the request body, once its headers passed
	 * @param clientChain the TLS client certificate chain, or {@code null}
	 * @param authorization the Authorization header, or {@code null}
	 * @param clientAddress the client address, for the login throttle
	 */
	public record EnrollRequest(String label, String operation, String contentType, Body body,
			X509Certificate[] clientChain, String authorization, String clientAddress) {
	}

	/**
	 * Reads a request body.
	 */
	@FunctionalInterface
	public interface Body {

		/**
		 * Read the body.
		 * @return the bytes
		 * @throws EstFailure when it cannot be read or is too large
		 */
		byte[] read();

	}

	/**
	 * The CA certificates of a DMS's issuing CA as a base64 certs-only CMS.
	 * @param label the DMS label, {@code null} for the default DMS
	 * @return the encoded response body
	 */
	public String caCerts(String label) {
		Attempt attempt = new Attempt("cacerts");
		return observeOperation(attempt, () -> {
			Dms dms = lookup(attempt, label);
			CertificateAuthority.CaInfo ca = this.ca.ca(dms.issuingCaId())
				.orElseThrow(() -> new EstFailure(FailureReason.CA_NOT_ACTIVE,
						"The issuing CA '" + dms.issuingCaId() + "' of DMS '" + dms.id() + "' does not exist"));
			return step("response_encoding", () -> certsOnly(ca.chain().stream().map(Pem::certificate).toList()));
		});
	}

	/**
	 * Answer {@code csrattrs}: this server asks for no particular attributes.
	 * @param label the DMS label, {@code null} for the default DMS
	 */
	public void csrAttributes(String label) {
		Attempt attempt = new Attempt("csrattrs");
		observeOperation(attempt, () -> lookup(attempt, label));
	}

	/**
	 * Enroll or re-enroll.
	 * @param request the request
	 * @return the issued certificate as a base64 certs-only CMS
	 */
	public String enroll(EnrollRequest request) {
		Attempt attempt = new Attempt(request.operation());
		return observeOperation(attempt, () -> {
			Dms dms = lookup(attempt, request.label());
			stage(attempt, "received");
			requirePkcs10(request.contentType());
			X509Certificate clientCertificate = step("client_authentication", () -> authenticate(dms, request));
			stage(attempt, "authenticated");
			Csr csr = step("csr_parse", () -> parse(request.body().read()));
			validate(dms, request.operation(), csr, clientCertificate);
			stage(attempt, "validated");
			CertificateAuthority.CertificateInfo issued = signAndRecord(attempt, dms, request.operation(), csr);
			String body = step("response_encoding", () -> certsOnly(List.of(Pem.certificate(issued.certificate()))));
			stage(attempt, "issued");
			Counter.builder("est.enrollment.success")
				.description("EST enrollments that returned a certificate")
				.tag("dms_id", dms.id())
				.tag("operation", request.operation())
				.register(this.meters)
				.increment();
			log.atInfo()
				.addKeyValue("dms_id", dms.id())
				.addKeyValue("device_id", csr.commonName())
				.addKeyValue("certificate_id", issued.serial())
				.addKeyValue("est.operation", request.operation())
				.log("Device enrolled");
			return body;
		});
	}

	private Dms lookup(Attempt attempt, String label) {
		String id = (label != null) ? label : this.defaultDms;
		Dms dms = step("dms_lookup", () -> this.dmsService.find(id).orElse(null));
		if (dms == null) {
			throw new EstFailure(FailureReason.UNKNOWN_DMS, "No DMS named '" + id + "'");
		}
		attempt.dmsId = dms.id();
		return dms;
	}

	private static void requirePkcs10(String contentType) {
		MediaType type = null;
		try {
			type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (RuntimeException ex) {
			// reported below
		}
		if (type == null || !PKCS10.equalsTypeAndSubtype(type)) {
			throw new EstFailure(FailureReason.UNSUPPORTED_MEDIA_TYPE,
					"The request body must be a base64 PKCS#10 request with Content-Type application/pkcs10, got "
							+ ((contentType != null) ? contentType : "none"));
		}
	}

	private X509Certificate authenticate(Dms dms, EnrollRequest request) {
		if (SIMPLEREENROLL.equals(request.operation())) {
			X509Certificate current = trustedClientCertificate(request.clientChain(), dms.effectiveReenrollCaIds(),
					"Re-enrollment requires the TLS client certificate being renewed");
			requireIssuedFor(dms, current);
			return current;
		}
		return switch (dms.authMode()) {
			case NO_AUTH -> null;
			case CLIENT_CERTIFICATE -> trustedClientCertificate(request.clientChain(), dms.bootstrapCaIds(),
					"DMS '" + dms.id() + "' requires a TLS client certificate issued by a bootstrap CA");
			case HTTP_BASIC -> {
				basic(dms, request.authorization(), request.clientAddress());
				yield null;
			}
		};
	}

	/**
	 * A certificate is renewed only on the DMS it was issued for (or its device was moved to by an operator), not
	 * on any DMS whose CA happens to have signed it.
	 */
	private void requireIssuedFor(Dms dms, X509Certificate current) {
		String serial = current.getSerialNumber().toString(16);
		boolean issuedHere = this.deviceService.dmsCertificate(serial)
			.filter((issued) -> issued.dmsId().equals(dms.id()))
			.isPresent();
		if (!issuedHere) {
			throw new EstFailure(FailureReason.CLIENT_CERT_WRONG_DMS,
					"The client certificate " + serial + " was not issued through DMS '" + dms.id()
							+ "': a certificate is renewed on the DMS it was enrolled on");
		}
	}

	private X509Certificate trustedClientCertificate(X509Certificate[] chain, List<String> caIds, String missing) {
		if (chain == null || chain.length == 0) {
			throw new EstFailure(FailureReason.AUTH_REQUIRED, missing);
		}
		X509Certificate certificate = chain[0];
		if (caIds.stream().noneMatch((caId) -> issuedBy(certificate, caId))) {
			throw new EstFailure(FailureReason.CLIENT_CERT_UNTRUSTED,
					"The client certificate was not issued by any CA this DMS accepts (" + String.join(", ", caIds)
							+ ")");
		}
		Instant now = Instant.now();
		if (now.isAfter(certificate.getNotAfter().toInstant()) || now.isBefore(certificate.getNotBefore().toInstant())) {
			throw new EstFailure(FailureReason.CLIENT_CERT_EXPIRED,
					"The client certificate is not valid now (valid until " + certificate.getNotAfter().toInstant() + ")");
		}
		String serial = certificate.getSerialNumber().toString(16);
		boolean revoked = this.ca.certificate(serial).map((info) -> "REVOKED".equals(info.status())).orElse(false);
		if (revoked) {
			throw new EstFailure(FailureReason.CLIENT_CERT_REVOKED, "The client certificate " + serial + " is revoked");
		}
		return certificate;
	}

	private boolean issuedBy(X509Certificate certificate, String caId) {
		return this.ca.ca(caId).map((ca) -> {
			X509Certificate caCertificate = Pem.certificate(ca.certificate());
			if (!caCertificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
				return false;
			}
			try {
				certificate.verify(caCertificate.getPublicKey(), BouncyCastle.PROVIDER);
				return true;
			}
			catch (Exception ex) {
				return false;
			}
		}).orElse(false);
	}

	private void basic(Dms dms, String authorization, String clientAddress) {
		String prefix = "Basic ";
		if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
			throw new EstFailure(FailureReason.AUTH_REQUIRED, "DMS '" + dms.id() + "' requires HTTP Basic credentials");
		}
		try (LoginThrottle.Attempt attempt = this.loginThrottle.acquire(clientAddress)) {
			if (!attempt.allowed()) {
				throw new EstFailure(FailureReason.AUTH_THROTTLED, "Too many failed logins from this address; retry in "
						+ attempt.retryAfterSeconds() + " s", attempt.retryAfterSeconds());
			}
			checkPassword(dms, authorization.substring(prefix.length()), clientAddress, attempt);
		}
	}

	private void checkPassword(Dms dms, String credentials, String clientAddress, LoginThrottle.Attempt attempt) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			attempt.failed();
			throw new EstFailure(FailureReason.AUTH_REQUIRED, "Malformed HTTP Basic credentials");
		}
		int colon = decoded.indexOf(':');
		String username = (colon >= 0) ? decoded.substring(0, colon) : decoded;
		try {
			this.basicAuthentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username,
					(colon >= 0) ? decoded.substring(colon + 1) : ""));
			attempt.succeeded();
		}
		catch (AuthenticationException ex) {
			attempt.failed();
			this.securityEvents.record("authentication", "start", "est-basic-login", "failure",
					Map.of("user.name", username, "pki.dms_id", dms.id(), "client.ip", String.valueOf(clientAddress)),
					"EST authentication failed");
			throw new EstFailure(FailureReason.AUTH_REQUIRED, "Invalid HTTP Basic credentials");
		}
	}

	private static Csr parse(byte[] body) {
		String text = (body != null) ? new String(body, StandardCharsets.US_ASCII) : "";
		byte[] der;
		try {
			der = Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new EstFailure(FailureReason.INVALID_BASE64,
					"The request body is not base64 (RFC 8951): " + ex.getMessage());
		}
		try {
			return Csr.fromDer(der).verifySignature();
		}
		catch (CsrException ex) {
			throw new EstFailure((ex.getReason() == CsrException.Reason.MALFORMED) ? FailureReason.MALFORMED_CSR
					: FailureReason.INVALID_CSR_SIGNATURE, ex.getMessage());
		}
	}

	private void validate(Dms dms, String operation, Csr csr, X509Certificate clientCertificate) {
		try {
			csr.checkPolicy();
		}
		catch (CsrException ex) {
			throw new EstFailure(FailureReason.POLICY_VIOLATION, ex.getMessage());
		}
		// a device belongs to one DMS: enrolling it on another would take it over
		Optional<Device> device = this.deviceService.find(csr.commonName());
		if (device.isPresent() && !device.get().dmsId().equals(dms.id())) {
			throw deviceInOtherDms(csr.commonName(), dms);
		}
		if (SIMPLEREENROLL.equals(operation)) {
			requireSameIdentity(csr, clientCertificate);
			Instant opens = clientCertificate.getNotAfter().toInstant().minus(Duration.ofDays(dms.reenrollWindowDays()));
			if (Instant.now().isBefore(opens)) {
				throw new EstFailure(FailureReason.POLICY_VIOLATION,
						"Re-enrollment for DMS '" + dms.id() + "' opens at " + opens);
			}
		}
		else if (dms.registrationMode() == Dms.RegistrationMode.PRE_REGISTERED && device.isEmpty()) {
			throw new EstFailure(FailureReason.DEVICE_NOT_REGISTERED,
					"Device '" + csr.commonName() + "' is not registered with DMS '" + dms.id() + "'");
		}
	}

	private static EstFailure deviceInOtherDms(String deviceId, Dms dms) {
		return new EstFailure(FailureReason.DEVICE_IN_OTHER_DMS, "Device '" + deviceId
				+ "' is enrolled through another DMS than '" + dms.id() + "'; only an operator can move it");
	}

	private static void requireSameIdentity(Csr csr, X509Certificate current) {
		try {
			X509CertificateHolder holder = new X509CertificateHolder(current.getEncoded());
			GeneralNames currentNames = (holder.getExtensions() != null)
					? GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName) : null;
			if (!X500Name.getInstance(holder.getSubject()).equals(csr.subject())
					|| !Objects.equals(currentNames, csr.subjectAlternativeNames())) {
				throw new EstFailure(FailureReason.SUBJECT_MISMATCH,
						"The CSR subject and subjectAltName must match the certificate being renewed ("
								+ holder.getSubject() + ")");
			}
		}
		catch (IOException | CertificateEncodingException ex) {
			throw new EstFailure(FailureReason.CLIENT_CERT_UNTRUSTED, "The client certificate cannot be read");
		}
	}

	/**
	 * Sign, then record the device and the certificate's DMS: in one transaction with the CA's own writes when
	 * the CA is in process, so that an enrollment that loses a race against another leaves nothing behind. (A
	 * remote CA keeps the certificate it signed for the loser: issued, never delivered.)
	 */
	private CertificateAuthority.CertificateInfo signAndRecord(Attempt attempt, Dms dms, String operation, Csr csr) {
		Supplier<CertificateAuthority.CertificateInfo> work = () -> {
			CertificateAuthority.CertificateInfo issued = sign(dms, csr);
			stage(attempt, "signed");
			this.deviceService.enrolled(csr.commonName(), dms.id(), operation, issued.serial(), issued.notAfter());
			return issued;
		};
		try {
			// a remote CA commits on its own: then no connection is held here while it signs
			return this.ca.joinsTransactions() ? this.transaction.execute((status) -> work.get()) : work.get();
		}
		catch (DeviceInOtherDmsException ex) {
			throw deviceInOtherDms(csr.commonName(), dms);
		}
		catch (DuplicateKeyException | ConcurrencyFailureException ex) {
			throw new EstFailure(FailureReason.ENROLLMENT_CONFLICT,
					"Another enrollment of device '" + csr.commonName() + "' was recorded first; retry");
		}
	}

	private CertificateAuthority.CertificateInfo sign(Dms dms, Csr csr) {
		try {
			return this.ca.sign(dms.issuingCaId(), csr, dms.validityDays());
		}
		catch (CertificateAuthority.CaCallException ex) {
			CertificateAuthority.CaProblem problem = ex.problem();
			String type = (problem.problemType() != null) ? problem.problemType() : "";
			FailureReason reason = switch (type) {
				case "ca-not-active", "not-found" -> FailureReason.CA_NOT_ACTIVE;
				case "policy-violation" -> FailureReason.POLICY_VIOLATION;
				case "invalid-csr-signature" -> FailureReason.INVALID_CSR_SIGNATURE;
				case "malformed-csr" -> FailureReason.MALFORMED_CSR;
				default -> FailureReason.INTERNAL;
			};
			throw new EstFailure(reason, (reason != FailureReason.INTERNAL) ? problem.detail()
					: "The CA could not sign the request");
		}
	}

	static String certsOnly(List<X509Certificate> certificates) {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addCertificates(new JcaCertStore(certificates));
			byte[] encoded = generator.generate(new CMSAbsentContent()).getEncoded();
			return Base64.getMimeEncoder().encodeToString(encoded) + "\r\n";
		}
		catch (CMSException | IOException | CertificateEncodingException ex) {
			throw new IllegalStateException("Cannot encode the certs-only response", ex);
		}
	}

	private <T> T observeOperation(Attempt attempt, Supplier<T> work) {
		Observation observation = Observation.createNotStarted("est.operation.duration", this.observations)
			.contextualName("est " + attempt.operation)
			.lowCardinalityKeyValue("operation", attempt.operation);
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

	private void failed(Attempt attempt, EstFailure failure, Exception cause) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			current.highCardinalityKeyValue("failure_reason", failure.getReason().label());
		}
		Counter.builder("est.enrollment.failed")
			.description("EST requests refused, by reason")
			.tag("dms_id", attempt.dmsId)
			.tag("failure_reason", failure.getReason().label())
			.register(this.meters)
			.increment();
		var event = (cause != null) ? log.atError().setCause(cause) : log.atWarn();
		if (failure.getReason().isSecurityEvent()) {
			event = this.securityEvents.refusal(event, "authentication", "start",
					"est-" + failure.getReason().label().replace('_', '-'));
		}
		event.addKeyValue("dms_id", attempt.dmsId)
			.addKeyValue("failure_reason", failure.getReason().label())
			.addKeyValue("est.operation", attempt.operation)
			.addKeyValue("http.response.status_code", failure.getReason().status().value())
			.log("EST {} failed: {}", attempt.operation, failure.getMessage());
	}

	private void stage(Attempt attempt, String stage) {
		Counter.builder("est.enrollment")
			.description("EST enrollment funnel: requests that reached each stage")
			.tag("dms_id", attempt.dmsId)
			.tag("operation", attempt.operation)
			.tag("stage", stage)
			.register(this.meters)
			.increment();
	}

	private <T> T step(String step, Supplier<T> work) {
		return Observation.createNotStarted("est.step", this.observations)
			.contextualName("est " + step.replace('_', ' '))
			.lowCardinalityKeyValue("step", step)
			.observe(work);
	}

	/**
	 * What is known about a request so far, for the metric labels of its outcome. Unknown DMS labels are
	 * reported as {@code unknown} to keep label values bounded.
	 */
	private static final class Attempt {

		private final String operation;

		private String dmsId = "unknown";

		Attempt(String operation) {
			this.operation = operation;
		}

	}

}
