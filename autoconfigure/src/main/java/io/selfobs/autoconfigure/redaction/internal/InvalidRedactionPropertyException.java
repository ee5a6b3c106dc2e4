package io.selfobs.autoconfigure.redaction.internal;

/**
 * Thrown when an {@code otel.redaction.*} property cannot be used. Its message never holds
 * a secret value.
 */
public final class InvalidRedactionPropertyException extends RuntimeException {

	private final String property;

	private final String displayedValue;

	private final String action;

	InvalidRedactionPropertyException(String property, String displayedValue, String reason, String action) {
		// not "'property': reason": the console's redaction would take the reason for the value of a secret key
		super("Invalid value " + displayedValue + " for '" + property + "'. Reason: " + reason);
		this.property = property;
		this.displayedValue = displayedValue;
		this.action = action;
	}

	/**
	 * Return the name of the offending property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	String getDisplayedValue() {
		return this.displayedValue;
	}

	String getAction() {
		return this.action;
	}

}
