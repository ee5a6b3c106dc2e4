package io.selfobs.sample.pki.device;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.InventoryProperties;
import io.selfobs.sample.pki.config.PkiProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The device slice's meters: enrollments, and devices by status, recomputed from the
 * database every {@code pki.inventory.refresh-interval} (one series per status, whatever
 * the fleet size).
 */
@Component
@ConditionalOnRole(PkiProperties.Role.EST)
public class DeviceMetrics {

	private final MeterRegistry meters;

	private final DeviceRepository repository;

	private final InventoryProperties inventory;

	private final MultiGauge byStatus;

	DeviceMetrics(MeterRegistry meters, DeviceRepository repository, InventoryProperties inventory) {
		this.meters = meters;
		this.repository = repository;
		this.inventory = inventory;
		this.byStatus = MultiGauge.builder("devices").description("Devices by status").register(meters);
	}

	void enrolled(String dmsId, String operation) {
		Counter.builder("device.enrollments")
			.description("Device enrollments and re-enrollments")
			.tag("dms_id", dmsId)
			.tag("operation", operation)
			.register(this.meters)
			.increment();
	}

	/**
	 * Recompute the devices-by-status gauge.
	 */
	@Scheduled(fixedDelayString = "${pki.inventory.refresh-interval:30s}")
	public void refreshStatusGauge() {
		Instant now = Instant.now();
		Map<DeviceStatus, Long> counts = this.repository.countByStatus(now,
				now.plus(this.inventory.getExpiringThreshold()));
		this.byStatus.register(Arrays.stream(DeviceStatus.values())
			.map((status) -> MultiGauge.Row.of(Tags.of("status", status.name()), counts.getOrDefault(status, 0L)))
			.toList(), true);
	}

}
