package io.selfobs.autoconfigure.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JDBC statement observation settings.
 */
@ConfigurationProperties("otel.instrumentation.jdbc")
public class JdbcObservationProperties {

	/**
	 * Whether to observe JDBC statements (a client span and the
	 * db.client.operation.duration timer per statement). When false, DataSource beans are
	 * left unwrapped.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
