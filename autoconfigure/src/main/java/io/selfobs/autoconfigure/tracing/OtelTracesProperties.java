package io.selfobs.autoconfigure.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpBatchSettings;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracing settings: OTLP span export (connection fields inherited), sampling, the paths
 * that are never traced and the export queue.
 */
@ConfigurationProperties("otel.traces")
public class OtelTracesProperties extends OtlpSignalProperties {

	/**
	 * Sampler, as in OTEL_TRACES_SAMPLER: always_on, always_off, traceidratio,
	 * parentbased_always_on, parentbased_always_off or parentbased_traceidratio. Its
	 * argument (the ratio) is otel.traces.sampler.arg (OTEL_TRACES_SAMPLER_ARG).
	 */
	private TraceSampler sampler = TraceSampler.PARENTBASED_ALWAYS_ON;

	/**
	 * Request paths (Spring path patterns, without the context path) that produce no
	 * spans. The Prometheus scrape path (otel.metrics.prometheus.path) and the health
	 * probe paths (otel.health.*.path) are always excluded as well.
	 */
	private List<String> excludedPaths = new ArrayList<>(
			List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**"));

	private final OtlpBatchSettings export = new OtlpBatchSettings(Duration.ofSeconds(5));

	private final SpringSecurity springSecurity = new SpringSecurity();

	public OtelTracesProperties() {
		super(OtlpSignal.TRACES);
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		for (int i = 0; i < this.excludedPaths.size(); i++) {
			String path = this.excludedPaths.get(i);
			if (path == null || !path.startsWith("/")) {
				throw new InvalidOtelPropertyException("otel.traces.excluded-paths[" + i + "]", String.valueOf(path),
						"an excluded path must start with '/'", "use a path pattern such as /internal/**");
			}
		}
		this.export.validate("otel.traces.export");
	}

	public TraceSampler getSampler() {
		return this.sampler;
	}

	public void setSampler(TraceSampler sampler) {
		this.sampler = sampler;
	}

	public List<String> getExcludedPaths() {
		return this.excludedPaths;
	}

	public void setExcludedPaths(List<String> excludedPaths) {
		this.excludedPaths = excludedPaths;
	}

	public OtlpBatchSettings getExport() {
		return this.export;
	}

	public SpringSecurity getSpringSecurity() {
		return this.springSecurity;
	}

	/**
	 * Spring Security's per-request observations.
	 */
	public static class SpringSecurity {

		/**
		 * Whether Spring Security's per-request observations (security filterchain
		 * before/after, secured request, authorize request) produce spans and timers. Off
		 * by default: they multiply the spans of every secured request. Authentication
		 * observations are always kept.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
