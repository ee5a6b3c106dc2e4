package io.selfobs.sample.pki.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the inventory gauges (CA certificate expiry, devices by status), under
 * {@code pki.inventory.*}.
 */
@ConfigurationProperties("pki.inventory")
public class InventoryProperties {

	/**
	 * How often the bounded expiry and device-status gauges are recomputed from the
	 * database.
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	/**
	 * A device whose certificate expires within this period is EXPIRING.
	 */
	private Duration expiringThreshold = Duration.ofDays(30);

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getExpiringThreshold() {
		return this.expiringThreshold;
	}

	public void setExpiringThreshold(Duration expiringThreshold) {
		this.expiringThreshold = expiringThreshold;
	}

}
