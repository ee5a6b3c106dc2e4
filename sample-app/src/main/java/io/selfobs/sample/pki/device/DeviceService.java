package io.selfobs.sample.pki.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.selfobs.sample.pki.ca.certificate.CertificateRevokedEvent;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.InventoryProperties;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.x509.Csr;
import io.selfobs.sample.pki.dms.DmsService;
import io.selfobs.sample.pki.outbox.OutboxPublisher;
import io.selfobs.sample.pki.security.SecurityEvents;
import io.selfobs.sample.pki.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.lang.Contract;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The device manager: devices are created or updated on enrollment.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.EST)
public class DeviceService {

	private final DeviceRepository repository;

	private final OutboxPublisher outbox;

	private final DeviceMetrics metrics;

	private final InventoryProperties inventory;

	private final DmsService dms;

	private final SecurityEvents securityEvents;

	DeviceService(DeviceRepository repository, OutboxPublisher outbox, DeviceMetrics metrics,
			InventoryProperties inventory, DmsService dms, SecurityEvents securityEvents) {
		this.repository = repository;
		this.dms = dms;
		this.securityEvents = securityEvents;
		this.outbox = outbox;
		this.metrics = metrics;
		this.inventory = inventory;
	}

	public Optional<Device> find(String id) {
		Instant now = Instant.now();
		return this.repository.find(id, now, now.plus(this.inventory.getExpiringThreshold()));
	}

	public Device get(String id) {
		return find(id).orElseThrow(() -> Problems.notFound("Device", id));
	}

	public List<Device> list(@Nullable String dmsId, @Nullable String status, @Nullable Integer limit) {
		DeviceStatus filter = (status != null) ? DeviceStatus.parse(status) : null;
		if (status != null && filter == null) {
			throw Problems.badRequest("invalid-filter", "status must be one of " + DeviceStatus.allowed());
		}
		Instant now = Instant.now();
		int size = (limit != null) ? Math.max(1, Math.min(limit, 500)) : 100;
		return this.repository.find(dmsId, filter, now, now.plus(this.inventory.getExpiringThreshold()), size);
	}

	/**
	 * Pre-register a device for a {@code PRE_REGISTERED} DMS.
	 * @param id the device id
	 * @param dmsId the DMS
	 * @return the device
	 */
	@Transactional
	public Device register(@Nullable String id, @Nullable String dmsId) {
		String problem = (id != null) ? Csr.commonNameProblem(id) : "is required";
		if (id == null || problem != null) {
			throw Problems.badRequest("invalid-device", "id " + problem + " (the device id is the CN of its "
					+ "certificates: 1.." + Csr.MAX_COMMON_NAME + " characters, no control characters)");
		}
		requireDms(dmsId);
		if (find(id).isPresent()) {
			throw Problems.conflict("already-exists", "Device '" + id + "' already exists");
		}
		try {
			this.repository.insert(id, dmsId, DeviceStatus.REGISTERED, null, null, Instant.now());
		}
		catch (DuplicateKeyException ex) {
			// a concurrent registration or enrollment of the same id committed first
			throw Problems.conflict("already-exists", "Device '" + id + "' already exists");
		}
		return get(id);
	}

	/**
	 * Move a device to another DMS, with its current certificate: it may then re-enroll
	 * there (when that DMS accepts the certificate's CA), and no longer on its former
	 * DMS.
	 * @param id the device id
	 * @param dmsId the DMS to move it to
	 * @return the device
	 */
	@Transactional
	public Device move(String id, @Nullable String dmsId) {
		Device device = get(id);
		requireDms(dmsId);
		if (device.dmsId().equals(dmsId)) {
			return device;
		}
		Instant now = Instant.now();
		this.repository.moveTo(id, dmsId, now);
		if (device.certificateSerial() != null) {
			this.repository.rebindDmsCertificate(device.certificateSerial(), dmsId);
		}
		this.securityEvents.record("iam", "change", "device-moved", "success",
				Map.of("pki.device_id", id, "pki.dms_id", dmsId, "pki.previous_dms_id", device.dmsId()),
				"Device moved to another DMS");
		return get(id);
	}

	/**
	 * The DMS a certificate was issued for through EST.
	 * @param serial the serial number in lower-case hex
	 * @return the record, empty for a certificate not issued through EST
	 */
	public Optional<DmsCertificate> dmsCertificate(String serial) {
		return this.repository.findDmsCertificate(serial);
	}

	@Contract("null -> fail")
	private void requireDms(@Nullable String dmsId) {
		if (dmsId == null || dmsId.length() > 64 || this.dms.find(dmsId).isEmpty()) {
			throw Problems.badRequest("unknown-dms", "dmsId must name an existing DMS");
		}
	}

	/**
	 * Record an enrollment: create (just in time) or update the device, bind the
	 * certificate to the DMS and publish {@code device.enrolled}, in one transaction (the
	 * caller's, when it has one).
	 * @param id the device id
	 * @param dmsId the DMS
	 * @param operation {@code simpleenroll} or {@code simplereenroll}
	 * @param serial the new certificate serial
	 * @param notAfter the new certificate expiry
	 * @throws DeviceInOtherDmsException when the device belongs to another DMS
	 * @throws DuplicateKeyException when a concurrent enrollment created the device first
	 */
	@Transactional
	public void enrolled(String id, String dmsId, String operation, String serial, Instant notAfter) {
		Instant now = Instant.now();
		Optional<Device> existing = find(id);
		if (existing.isPresent() && !existing.get().dmsId().equals(dmsId)) {
			throw new DeviceInOtherDmsException(id, dmsId);
		}
		if (existing.isPresent()) {
			this.repository.updateCertificate(id, serial, notAfter, now);
		}
		else {
			this.repository.insert(id, dmsId, DeviceStatus.ACTIVE, serial, notAfter, now);
		}
		this.repository.insertDmsCertificate(serial, dmsId, id, now);
		this.outbox.publish("device.enrolled", id,
				Map.of("device_id", id, "dms_id", dmsId, "operation", operation, "serial", serial));
		this.metrics.enrolled(dmsId, operation);
	}

	@EventListener
	void certificateRevoked(CertificateRevokedEvent event) {
		this.repository.markRevoked(event.serial(), Instant.now());
	}

}
