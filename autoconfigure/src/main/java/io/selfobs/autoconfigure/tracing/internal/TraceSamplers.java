package io.selfobs.autoconfigure.tracing.internal;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.selfobs.autoconfigure.tracing.TraceSampler;
import org.jspecify.annotations.Nullable;

/**
 * The samplers of the OpenTelemetry specification ({@code OTEL_TRACES_SAMPLER}), built
 * from their names. Internal, not API.
 */
public final class TraceSamplers {

	private TraceSamplers() {
	}

	/**
	 * Build a sampler.
	 * @param sampler the sampler
	 * @param ratio the ratio of the ratio samplers (between 0 and 1), or {@code null} for
	 * all traces
	 * @return the sampler
	 */
	public static Sampler create(TraceSampler sampler, @Nullable Double ratio) {
		double sampled = (ratio != null) ? ratio : 1.0;
		return switch (sampler) {
			case ALWAYS_ON -> Sampler.alwaysOn();
			case ALWAYS_OFF -> Sampler.alwaysOff();
			case TRACEIDRATIO -> Sampler.traceIdRatioBased(sampled);
			case PARENTBASED_ALWAYS_ON -> Sampler.parentBased(Sampler.alwaysOn());
			case PARENTBASED_ALWAYS_OFF -> Sampler.parentBased(Sampler.alwaysOff());
			case PARENTBASED_TRACEIDRATIO -> Sampler.parentBased(Sampler.traceIdRatioBased(sampled));
		};
	}

}
