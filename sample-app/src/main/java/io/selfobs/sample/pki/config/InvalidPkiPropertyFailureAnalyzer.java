package io.selfobs.sample.pki.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidPkiPropertyException}: the property, what is wrong and the
 * fix.
 */
class InvalidPkiPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPkiPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPkiPropertyException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
	}

}
