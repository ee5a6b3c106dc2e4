package io.selfobs.sample.pki.ca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.selfobs.sample.pki.ca.certificate.CertificateRepository;
import io.selfobs.sample.pki.ca.certificate.RevocationReason;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The CA slice's meters: every counter and gauge of the CA is registered and recorded
 * here (the timers of signing and CRL generation come with their observations). Expiry is
 * exposed as bounded gauges (per CA and fixed horizon), never one series per certificate:
 * the series count grows with the number of CAs, not with the fleet.
 */
@Component
@ConditionalOnRole(PkiProperties.Role.CA)
public class CaMetrics {

	private static final List<Duration> EXPIRY_HORIZONS = List.of(Duration.ofDays(7), Duration.ofDays(30),
			Duration.ofDays(90));

	private final MeterRegistry meters;

	private final CaRepository cas;

	private final CertificateRepository certificates;

	private final MultiGauge caInfo;

	private final MultiGauge expiring;

	private final MultiGauge soonestExpiry;

	CaMetrics(MeterRegistry meters, CaRepository cas, CertificateRepository certificates) {
		this.meters = meters;
		this.cas = cas;
		this.certificates = certificates;
		this.caInfo = MultiGauge.builder("ca.info")
			.description("One series per CA with its engine and status (value always 1)")
			.register(meters);
		this.expiring = MultiGauge.builder("ca.certificates.expiring")
			.description("Active certificates of a CA expiring within the horizon")
			.register(meters);
		this.soonestExpiry = MultiGauge.builder("ca.certificates.soonest.expiry")
			.description("Time until the soonest expiry among a CA's active certificates")
			.baseUnit("seconds")
			.register(meters);
		refreshInfo();
	}

	public void issued(String caId) {
		Counter.builder("ca.certificates.issued")
			.description("Certificates issued")
			.tag("ca_id", caId)
			.register(this.meters)
			.increment();
	}

	public void revoked(String caId, RevocationReason reason) {
		Counter.builder("ca.certificates.revoked")
			.description("Certificates revoked")
			.tag("ca_id", caId)
			.tag("reason", reason.rfcName())
			.register(this.meters)
			.increment();
	}

	public void crlGenerated(String caId) {
		Counter.builder("ca.crls.generated")
			.description("CRLs generated")
			.tag("ca_id", caId)
			.register(this.meters)
			.increment();
	}

	/**
	 * A CA was created or deleted: its info series and expiry rows follow at once.
	 */
	void casChanged() {
		refreshInfo();
		refreshExpiry();
	}

	private void refreshInfo() {
		this.caInfo.register(this.cas.findAll()
			.stream()
			.map((ca) -> MultiGauge.Row
				.of(Tags.of("ca_id", ca.id(), "engine_type", ca.engineId(), "status", ca.status().name()), 1))
			.toList(), true);
	}

	@Scheduled(fixedDelayString = "${pki.inventory.refresh-interval:30s}")
	void refreshExpiry() {
		Instant now = Instant.now();
		List<Instant> horizons = EXPIRY_HORIZONS.stream().map(now::plus).toList();
		Map<String, CertificateRepository.ExpiryRow> byCa = this.certificates.expirySummary(now, horizons)
			.stream()
			.collect(Collectors.toMap(CertificateRepository.ExpiryRow::caId, Function.identity()));
		List<MultiGauge.Row<?>> expiringRows = new ArrayList<>();
		List<MultiGauge.Row<?>> soonestRows = new ArrayList<>();
		for (CaRecord ca : this.cas.findAll()) {
			CertificateRepository.ExpiryRow row = byCa.get(ca.id());
			for (int i = 0; i < EXPIRY_HORIZONS.size(); i++) {
				long count = (row != null) ? row.counts()[i] : 0;
				expiringRows.add(MultiGauge.Row
					.of(Tags.of("ca_id", ca.id(), "within", EXPIRY_HORIZONS.get(i).toDays() + "d"), count));
			}
			if (row != null && row.soonest() != null) {
				soonestRows.add(
						MultiGauge.Row.of(Tags.of("ca_id", ca.id()), Duration.between(now, row.soonest()).toSeconds()));
			}
		}
		this.expiring.register(expiringRows, true);
		this.soonestExpiry.register(soonestRows, true);
	}

}
