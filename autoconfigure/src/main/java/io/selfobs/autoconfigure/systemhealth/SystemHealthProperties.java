package io.selfobs.autoconfigure.systemhealth;

import java.time.Duration;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The System Health page, the {@code systemhealth} actuator endpoint, configured under
 * {@code otel.system-health}. Like every actuator endpoint other than health and
 * Prometheus it is served only once exposed
 * ({@code management.endpoints.web.exposure.include}); its path follows
 * {@code management.endpoints.web.path-mapping.systemhealth}.
 *
 * @see SystemHealthAutoConfiguration
 */
@ConfigurationProperties("otel.system-health")
public class SystemHealthProperties implements InitializingBean {

	/**
	 * Whether to provide the System Health page endpoint.
	 */
	private boolean enabled = true;

	/**
	 * Whether the page may be served on the main server port when Actuator shares it. By
	 * default it is served only on a separate management port (management.server.port)
	 * and answers 404 on the main port.
	 */
	private boolean allowOnServerPort = false;

	/**
	 * How often an open page reloads itself, at least 1s; 0 turns auto-refresh off.
	 */
	private Duration refreshInterval = Duration.ofSeconds(15);

	/**
	 * Age of the oldest item of a durable queue from which the queue is shown as a
	 * warning.
	 */
	private Duration queueAgeWarning = Duration.ofMinutes(1);

	/**
	 * Age of the oldest item of a durable queue from which the queue is shown as
	 * critical; not below the warning age.
	 */
	private Duration queueAgeCritical = Duration.ofMinutes(5);

	@Override
	public void afterPropertiesSet() {
		// the page refreshes in whole seconds: anything else between 0 and 1s would turn
		// refresh off unnoticed
		if (this.refreshInterval == null || this.refreshInterval.isNegative()
				|| (!this.refreshInterval.isZero() && this.refreshInterval.toSeconds() < 1)) {
			throw new InvalidOtelPropertyException("otel.system-health.refresh-interval",
					String.valueOf(this.refreshInterval), "the interval must be 0 (no refresh) or at least 1s",
					"use a duration such as 15s, or 0 to turn auto-refresh off");
		}
		if (this.queueAgeWarning == null || this.queueAgeWarning.isZero() || this.queueAgeWarning.isNegative()) {
			throw new InvalidOtelPropertyException("otel.system-health.queue-age-warning",
					String.valueOf(this.queueAgeWarning), "the age must be positive", "use a duration such as 1m");
		}
		if (this.queueAgeCritical == null || this.queueAgeCritical.compareTo(this.queueAgeWarning) < 0) {
			throw new InvalidOtelPropertyException("otel.system-health.queue-age-critical",
					String.valueOf(this.queueAgeCritical),
					"the critical age must not be below otel.system-health.queue-age-warning (" + this.queueAgeWarning
							+ ")",
					"use a duration at least as long as the warning age, such as 5m");
		}
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAllowOnServerPort() {
		return this.allowOnServerPort;
	}

	public void setAllowOnServerPort(boolean allowOnServerPort) {
		this.allowOnServerPort = allowOnServerPort;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getQueueAgeWarning() {
		return this.queueAgeWarning;
	}

	public void setQueueAgeWarning(Duration queueAgeWarning) {
		this.queueAgeWarning = queueAgeWarning;
	}

	public Duration getQueueAgeCritical() {
		return this.queueAgeCritical;
	}

	public void setQueueAgeCritical(Duration queueAgeCritical) {
		this.queueAgeCritical = queueAgeCritical;
	}

}
