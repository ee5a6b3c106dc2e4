package io.selfobs.autoconfigure.otlp;

/**
 * An {@code otel.*} property holds a value selfobs cannot work with. Startup stops with a report naming the
 * property, the value (never a secret one) and the fix.
 */
public class InvalidOtlpPropertyException extends IllegalStateException {

	private final String property;

	private final String value;

	private final String action;

	/**
	 * Create a new instance.
	 * @param property the full property name
	 * @param value the offending value as it may be shown (secrets must be passed masked)
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidOtlpPropertyException(String property, String value, String problem, String action) {
		// not "'property': problem": the console's redaction would take the problem for the value of a secret key
		super("Invalid value '" + value + "' for property '" + property + "'. Reason: " + problem);
		this.property = property;
		this.value = value;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public String getValue() {
		return this.value;
	}

	public String getAction() {
		return this.action;
	}

}
