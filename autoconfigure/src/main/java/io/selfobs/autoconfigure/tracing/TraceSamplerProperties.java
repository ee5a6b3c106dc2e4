package io.selfobs.autoconfigure.tracing;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sampler's argument. Bound on its own because {@code otel.traces.sampler} itself
 * holds the sampler's name ({@link OtelTracesProperties#getSampler()}), as
 * {@code OTEL_TRACES_SAMPLER} and {@code OTEL_TRACES_SAMPLER_ARG} do.
 */
@ConfigurationProperties("otel.traces.sampler")
public class TraceSamplerProperties implements InitializingBean {

	/**
	 * Argument of the sampler, as in OTEL_TRACES_SAMPLER_ARG: the ratio (0 to 1) of
	 * traces sampled by traceidratio and parentbased_traceidratio. Defaults to 1.0.
	 */
	private @Nullable Double arg;

	public @Nullable Double getArg() {
		return this.arg;
	}

	public void setArg(@Nullable Double arg) {
		this.arg = arg;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.arg != null && !(this.arg >= 0.0 && this.arg <= 1.0)) {
			throw new InvalidOtelPropertyException("otel.traces.sampler.arg", String.valueOf(this.arg),
					"not a ratio between 0 and 1", "use a number such as 0.25 (OTEL_TRACES_SAMPLER_ARG)");
		}
	}

}
