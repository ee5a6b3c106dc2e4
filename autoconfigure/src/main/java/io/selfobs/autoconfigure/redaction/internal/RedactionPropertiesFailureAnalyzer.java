package io.selfobs.autoconfigure.redaction.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an unusable {@code otel.redaction.*} property at startup.
 */
final class RedactionPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRedactionPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRedactionPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
