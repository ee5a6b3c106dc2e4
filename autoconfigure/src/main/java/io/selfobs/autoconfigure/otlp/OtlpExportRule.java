package io.selfobs.autoconfigure.otlp;

/**
 * The one enablement rule of every signal: nothing leaves the process until the operator names a destination,
 * and an explicit {@code otel.<signal>.enabled} always wins.
 */
final class OtlpExportRule {

	private OtlpExportRule() {
	}

	static boolean exports(boolean masterEnabled, Boolean signalEnabled, boolean destinationConfigured) {
		if (!masterEnabled) {
			return false;
		}
		return (signalEnabled != null) ? signalEnabled : destinationConfigured;
	}

}
