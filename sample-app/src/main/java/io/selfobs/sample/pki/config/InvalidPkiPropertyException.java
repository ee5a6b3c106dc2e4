package io.selfobs.sample.pki.config;

/**
 * A {@code pki.*} property that is missing or unusable. Unlike Spring Boot's
 * {@code InvalidConfigurationPropertyValueException}, whose failure analysis prints the
 * value found in the environment, this one is reported without the value, so it is safe
 * for secrets.
 */
public class InvalidPkiPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create a new instance.
	 * @param property the property name
	 * @param problem what is wrong, never quoting a secret value
	 * @param action how to fix it
	 */
	public InvalidPkiPropertyException(String property, String problem, String action) {
		super("Configuration property '" + property + "' " + problem);
		this.property = property;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public String getAction() {
		return this.action;
	}

}
