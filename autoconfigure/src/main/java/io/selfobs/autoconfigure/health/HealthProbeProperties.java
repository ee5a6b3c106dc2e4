package io.selfobs.autoconfigure.health;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kubernetes probe paths served on the main server port, configured under
 * {@code otel.health}. Each probe is an Actuator health group; standard
 * {@code management.endpoint.health.group.*} properties always win over these.
 *
 * @see HealthProbesAutoConfiguration
 */
@ConfigurationProperties("otel.health")
public class HealthProbeProperties implements InitializingBean {

	/**
	 * Whether to add the probe paths and their health group defaults.
	 */
	private boolean enabled = true;

	/**
	 * Liveness probe: the liveness state only, never a downstream dependency.
	 */
	private final Probe liveness = probeAt("/livez");

	/**
	 * Readiness probe: readiness state, startup completion, the DataSource and the
	 * contributors listed in 'include'.
	 */
	private final Probe readiness = probeAt("/readyz");

	/**
	 * Startup probe: DOWN until the application has started and every StartupTask
	 * completed, then UP for the life of the process.
	 */
	private final Probe startup = probeAt("/startupz");

	/**
	 * Liveness-compatible alias for platforms that expect '/healthz'.
	 */
	private final Probe healthz = probeAt("/healthz");

	/**
	 * The selfobs.health.status gauges of the liveness, readiness and startup groups.
	 */
	private final Metrics metrics = new Metrics();

	private static Probe probeAt(String path) {
		Probe probe = new Probe();
		probe.setPath(path);
		return probe;
	}

	@Override
	public void afterPropertiesSet() {
		Duration interval = this.metrics.getInterval();
		if (interval == null || interval.isZero() || interval.isNegative()) {
			throw new InvalidOtelPropertyException("otel.health.metrics.interval", String.valueOf(interval),
					"the interval must be positive", "use a duration such as 10s");
		}
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Probe getLiveness() {
		return this.liveness;
	}

	public Probe getReadiness() {
		return this.readiness;
	}

	public Probe getStartup() {
		return this.startup;
	}

	public Probe getHealthz() {
		return this.healthz;
	}

	/**
	 * One probe: its path on the main server port and the health contributors added to or
	 * removed from its group.
	 */
	public static class Probe {

		/**
		 * Whether to serve this probe.
		 */
		private boolean enabled = true;

		/**
		 * Path on the main server port, a single segment such as '/readyz'.
		 */
		private @Nullable String path;

		/**
		 * Health contributors added to the probe's default members.
		 */
		private Set<String> include = new LinkedHashSet<>();

		/**
		 * Health contributors removed from the probe's members.
		 */
		private Set<String> exclude = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public Set<String> getInclude() {
			return this.include;
		}

		public void setInclude(Set<String> include) {
			this.include = include;
		}

		public Set<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(Set<String> exclude) {
			this.exclude = exclude;
		}

	}

	/**
	 * The {@code selfobs.health.status} gauges: one per probe group, 1 while it is UP.
	 */
	public static class Metrics {

		/**
		 * Whether to publish the probe groups' status as gauges.
		 */
		private boolean enabled = true;

		/**
		 * How often a background thread evaluates the groups for the gauges.
		 */
		private Duration interval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

}
