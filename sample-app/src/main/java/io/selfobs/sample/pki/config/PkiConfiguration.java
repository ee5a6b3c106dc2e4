package io.selfobs.sample.pki.config;

import org.springframework.context.annotation.Configuration;

/**
 * Checks at startup the settings every slice shares ({@code pki.roles},
 * {@code pki.inventory.*}); each slice's configuration checks its own.
 */
@Configuration(proxyBeanMethods = false)
class PkiConfiguration {

	PkiConfiguration(PkiProperties pki, InventoryProperties inventory) {
		if (pki.getRoles() == null || pki.getRoles().isEmpty()) {
			throw new InvalidPkiPropertyException("pki.roles", "is empty: this instance would serve nothing",
					"Set pki.roles to 'ca', 'est' or 'ca,est' (the default), or remove it.");
		}
		PropertyChecks.positive("pki.inventory.refresh-interval", inventory.getRefreshInterval(), "30s");
		PropertyChecks.notNegative("pki.inventory.expiring-threshold", inventory.getExpiringThreshold(), "30d");
	}

}
