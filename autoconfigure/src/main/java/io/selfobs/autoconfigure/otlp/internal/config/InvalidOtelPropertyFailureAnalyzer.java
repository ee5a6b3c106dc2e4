package io.selfobs.autoconfigure.otlp.internal.config;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an {@link InvalidOtelPropertyException} into a startup report that names the
 * property, the value and the fix. Runs before Spring Boot's binding analyzer, which
 * would otherwise report an unknown {@link io.selfobs.autoconfigure.otlp.OtelValue} by
 * its Java constant names. Internal, not API.
 */
public final class InvalidOtelPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOtelPropertyException>
		implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidOtelPropertyException cause) {
		String property = cause.getProperty();
		if (property == null) {
			BindException binding = findCause(rootFailure, BindException.class);
			property = (binding != null) ? binding.getName().toString() : "otel.*";
		}
		// no "'property': " shape: the console's redaction would take what follows for
		// the value of a secret key
		String description = "Invalid value " + cause.getShownValue() + " for property '" + property + "'. Reason: "
				+ cause.getProblem();
		String action = cause.getAction().contains(property) ? cause.getAction()
				: "Update property '" + property + "' and " + cause.getAction();
		return new FailureAnalysis(description, action, cause);
	}

}
