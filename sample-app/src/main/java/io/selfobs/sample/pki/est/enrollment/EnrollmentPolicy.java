package io.selfobs.sample.pki.est.enrollment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.crypto.x509.CsrException;
import io.selfobs.sample.pki.device.Device;
import io.selfobs.sample.pki.device.DeviceService;
import io.selfobs.sample.pki.dms.Dms;
import io.selfobs.sample.pki.est.EstFailure;
import io.selfobs.sample.pki.est.EstOperation;
import io.selfobs.sample.pki.est.FailureReason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * What an enrollment request must be before the CA signs it: a base64 PKCS#10 request
 * (RFC 8951) with a valid proof of possession, within the CSR policy, for a device of
 * this DMS; a re-enrollment also for the same identity, inside the DMS's re-enroll
 * window.
 */
@Component
@ConditionalOnRole(PkiProperties.Role.EST)
public class EnrollmentPolicy {

	private static final MediaType PKCS10 = MediaType.parseMediaType("application/pkcs10");

	private final DeviceService deviceService;

	EnrollmentPolicy(DeviceService deviceService) {
		this.deviceService = deviceService;
	}

	public static void requirePkcs10(String contentType) {
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

	public static Csr parse(byte[] body) {
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

	public void validate(Dms dms, EstOperation operation, Csr csr, X509Certificate clientCertificate) {
		try {
			csr.checkPolicy();
		}
		catch (CsrException ex) {
			throw new EstFailure(FailureReason.POLICY_VIOLATION, ex.getMessage());
		}
		// a device belongs to one DMS: enrolling it on another would take it over
		Optional<Device> device = this.deviceService.find(csr.requiredCommonName());
		if (device.isPresent() && !device.get().dmsId().equals(dms.id())) {
			throw deviceInOtherDms(csr.requiredCommonName(), dms);
		}
		if (operation == EstOperation.SIMPLEREENROLL) {
			requireSameIdentity(csr, clientCertificate);
			Instant opens = clientCertificate.getNotAfter()
				.toInstant()
				.minus(Duration.ofDays(dms.reenrollWindowDays()));
			if (Instant.now().isBefore(opens)) {
				throw new EstFailure(FailureReason.POLICY_VIOLATION,
						"Re-enrollment for DMS '" + dms.id() + "' opens at " + opens);
			}
		}
		else if (dms.registrationMode() == Dms.RegistrationMode.PRE_REGISTERED && device.isEmpty()) {
			throw new EstFailure(FailureReason.DEVICE_NOT_REGISTERED,
					"Device '" + csr.requiredCommonName() + "' is not registered with DMS '" + dms.id() + "'");
		}
	}

	static EstFailure deviceInOtherDms(String deviceId, Dms dms) {
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

}
