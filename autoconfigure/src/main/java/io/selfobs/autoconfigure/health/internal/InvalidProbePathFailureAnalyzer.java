package io.selfobs.autoconfigure.health.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidProbePathException}: which property, which value, and how to
 * fix it.
 */
final class InvalidProbePathFailureAnalyzer extends AbstractFailureAnalyzer<InvalidProbePathException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidProbePathException cause) {
		String description = "The probe path '" + cause.value() + "' set by property '" + cause.property()
				+ "' cannot be served: " + cause.reason() + ".";
		String action = "Set '" + cause.property() + "' to a distinct single-segment path such as '"
				+ cause.defaultPath() + "', or turn that probe off with '" + cause.enabledProperty() + "=false'.";
		return new FailureAnalysis(description, action, cause);
	}

}
