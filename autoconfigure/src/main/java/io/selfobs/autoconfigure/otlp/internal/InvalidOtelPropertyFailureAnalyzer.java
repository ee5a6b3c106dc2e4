package io.selfobs.autoconfigure.otlp.internal;

import io.selfobs.autoconfigure.otlp.InvalidOtlpPropertyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidOtlpPropertyException} into a startup report that names the property and the fix.
 */
public final class InvalidOtlpPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOtlpPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidOtlpPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update property '" + cause.getProperty() + "': "
				+ cause.getAction(), cause);
	}

}
