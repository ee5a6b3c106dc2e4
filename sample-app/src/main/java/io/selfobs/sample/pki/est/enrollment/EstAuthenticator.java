package io.selfobs.sample.pki.est.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.selfobs.sample.pki.ca.certificate.CertificateStatus;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.x509.BouncyCastle;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.device.DeviceService;
import io.selfobs.sample.pki.dms.Dms;
import io.selfobs.sample.pki.est.EnrollRequest;
import io.selfobs.sample.pki.est.EstFailure;
import io.selfobs.sample.pki.est.EstOperation;
import io.selfobs.sample.pki.est.FailureReason;
import io.selfobs.sample.pki.est.authority.CertificateAuthority;
import io.selfobs.sample.pki.security.LoginThrottle;
import io.selfobs.sample.pki.security.SecurityEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Decides whether an enrollment request may go on, as its DMS requires: a re-enrollment
 * presents the certificate being renewed, issued through this DMS; a first enrollment
 * nothing, a client certificate from a bootstrap CA or operator credentials (throttled
 * per client address).
 */
@Component
@ConditionalOnRole(PkiProperties.Role.EST)
public class EstAuthenticator {

	private static final String BASIC = "Basic ";

	private final DeviceService deviceService;

	private final CertificateAuthority ca;

	private final SecurityEvents securityEvents;

	private final DaoAuthenticationProvider basicAuthentication;

	private final LoginThrottle loginThrottle;

	EstAuthenticator(DeviceService deviceService, CertificateAuthority ca, SecurityEvents securityEvents,
			UserDetailsService users, LoginThrottle loginThrottle) {
		this.deviceService = deviceService;
		this.ca = ca;
		this.securityEvents = securityEvents;
		this.basicAuthentication = new DaoAuthenticationProvider(users);
		this.loginThrottle = loginThrottle;
	}

	/**
	 * Authenticate a request.
	 * @param dms the DMS enrolled on
	 * @param request the request
	 * @return the client certificate a re-enrollment renews or a bootstrap certificate,
	 * {@code null} otherwise
	 * @throws EstFailure when the request is refused
	 */
	public @Nullable X509Certificate authenticate(Dms dms, EnrollRequest request) {
		if (request.operation() == EstOperation.SIMPLEREENROLL) {
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
	 * A certificate is renewed only on the DMS it was issued for (or its device was moved
	 * to by an operator), not on any DMS whose CA happens to have signed it.
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
		if (now.isAfter(certificate.getNotAfter().toInstant())
				|| now.isBefore(certificate.getNotBefore().toInstant())) {
			throw new EstFailure(FailureReason.CLIENT_CERT_EXPIRED,
					"The client certificate is not valid now (valid until " + certificate.getNotAfter().toInstant()
							+ ")");
		}
		String serial = certificate.getSerialNumber().toString(16);
		boolean revoked = this.ca.certificate(serial)
			.map((info) -> info.status() == CertificateStatus.REVOKED)
			.orElse(false);
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
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			throw new EstFailure(FailureReason.AUTH_REQUIRED, "DMS '" + dms.id() + "' requires HTTP Basic credentials");
		}
		try (LoginThrottle.Attempt attempt = this.loginThrottle.acquire(clientAddress)) {
			if (!attempt.allowed()) {
				throw new EstFailure(FailureReason.AUTH_THROTTLED,
						"Too many failed logins from this address; retry in " + attempt.retryAfterSeconds() + " s",
						attempt.retryAfterSeconds());
			}
			checkPassword(dms, authorization.substring(BASIC.length()), clientAddress, attempt);
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

}
