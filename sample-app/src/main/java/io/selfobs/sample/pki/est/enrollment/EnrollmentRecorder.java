package io.selfobs.sample.pki.est.enrollment;

import java.util.function.Supplier;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.device.DeviceInOtherDmsException;
import io.selfobs.sample.pki.device.DeviceService;
import io.selfobs.sample.pki.dms.Dms;
import io.selfobs.sample.pki.est.EstFailure;
import io.selfobs.sample.pki.est.FailureReason;
import io.selfobs.sample.pki.est.authority.CertificateAuthority;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Has the CA sign a checked request, then records the device and the certificate's DMS:
 * in one transaction with the CA's own writes when the CA is in process, so that an
 * enrollment that loses a race against another leaves nothing behind. (A remote CA keeps
 * the certificate it signed for the loser: issued, never delivered.)
 */
@Component
@ConditionalOnRole(PkiProperties.Role.EST)
public class EnrollmentRecorder {

	private final CertificateAuthority ca;

	private final DeviceService deviceService;

	private final EstMetrics metrics;

	private final TransactionTemplate transaction;

	EnrollmentRecorder(CertificateAuthority ca, DeviceService deviceService, EstMetrics metrics,
			PlatformTransactionManager transactions) {
		this.ca = ca;
		this.deviceService = deviceService;
		this.metrics = metrics;
		this.transaction = new TransactionTemplate(transactions);
	}

	public CertificateAuthority.CertificateInfo signAndRecord(EstAttempt attempt, Dms dms, Csr csr) {
		Supplier<CertificateAuthority.CertificateInfo> work = () -> {
			CertificateAuthority.CertificateInfo issued = sign(dms, csr);
			this.metrics.reached(attempt, EnrollmentStage.SIGNED);
			this.deviceService.enrolled(csr.requiredCommonName(), dms.id(), attempt.operation().label(),
					issued.serial(), issued.notAfter());
			return issued;
		};
		try {
			// a remote CA commits on its own: then no connection is held here while it
			// signs
			return this.ca.joinsTransactions() ? this.transaction.execute((status) -> work.get()) : work.get();
		}
		catch (DeviceInOtherDmsException ex) {
			throw EnrollmentPolicy.deviceInOtherDms(csr.requiredCommonName(), dms);
		}
		catch (DuplicateKeyException | ConcurrencyFailureException ex) {
			throw new EstFailure(FailureReason.ENROLLMENT_CONFLICT,
					"Another enrollment of device '" + csr.requiredCommonName() + "' was recorded first; retry");
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
			throw new EstFailure(reason,
					(reason != FailureReason.INTERNAL) ? problem.detail() : "The CA could not sign the request");
		}
	}

}
