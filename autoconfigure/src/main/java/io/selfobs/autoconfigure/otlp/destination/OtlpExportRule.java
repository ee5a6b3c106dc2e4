package io.selfobs.autoconfigure.otlp.destination;

import io.selfobs.autoconfigure.otlp.OtlpSignal;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The one enablement rule of every signal: nothing leaves the process until the operator
 * names a destination, and an explicit {@code otel.<signal>.enabled} always wins. Each
 * decision names the property that made it.
 *
 * @param exports whether the signal is exported
 * @param reason the deciding property and its value, e.g.
 * {@code otel.traces.enabled is false}
 */
record OtlpExportRule(boolean exports, String reason) {

	static final String SHARED_ENDPOINT = "otel.exporter.otlp.endpoint";

	/**
	 * Decide whether a signal is exported.
	 * @param signal the signal
	 * @param masterEnabled {@code otel.enabled}
	 * @param signalEnabled {@code otel.<signal>.enabled}, or {@code null} when unset
	 * @param signalEndpoint {@code otel.<signal>.endpoint}
	 * @param signalHostname {@code otel.<signal>.hostname}
	 * @param sharedEndpoint {@code otel.exporter.otlp.endpoint}
	 * @return the decision
	 */
	static OtlpExportRule decide(OtlpSignal signal, boolean masterEnabled, @Nullable Boolean signalEnabled,
			@Nullable String signalEndpoint, @Nullable String signalHostname, @Nullable String sharedEndpoint) {
		String prefix = signal.prefix();
		if (!masterEnabled) {
			return new OtlpExportRule(false, "otel.enabled is false");
		}
		if (signalEnabled != null) {
			return new OtlpExportRule(signalEnabled, prefix + ".enabled is " + signalEnabled);
		}
		if (StringUtils.hasText(signalEndpoint)) {
			return new OtlpExportRule(true, prefix + ".endpoint is set");
		}
		if (StringUtils.hasText(signalHostname)) {
			return new OtlpExportRule(true, prefix + ".hostname is set");
		}
		if (StringUtils.hasText(sharedEndpoint)) {
			return new OtlpExportRule(true, SHARED_ENDPOINT + " is set");
		}
		return new OtlpExportRule(false, "no destination: none of " + prefix + ".endpoint, " + prefix + ".hostname and "
				+ SHARED_ENDPOINT + " is set");
	}

}
