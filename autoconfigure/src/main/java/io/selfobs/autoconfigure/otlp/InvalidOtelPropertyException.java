package io.selfobs.autoconfigure.otlp;

import org.jspecify.annotations.Nullable;

/**
 * An {@code otel.*} property holds a value selfobs cannot work with. Startup stops with a
 * report naming the property, the value (never a secret one) and the fix.
 */
public class InvalidOtelPropertyException extends IllegalStateException {

	private final @Nullable String property;

	private final String value;

	private final boolean quoted;

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param property the full property name
	 * @param value the offending value as it may be shown (secrets must be passed masked)
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidOtelPropertyException(String property, String value, String problem, String action) {
		this(property, value, true, problem, action);
	}

	private InvalidOtelPropertyException(@Nullable String property, String value, boolean quoted, String problem,
			String action) {
		// not "'property': problem": the console's redaction would take the problem for
		// the value of a secret key
		super("Invalid value " + (quoted ? "'" + value + "'" : value)
				+ ((property != null) ? " for property '" + property + "'" : "") + ". Reason: " + problem);
		this.property = property;
		this.value = value;
		this.quoted = quoted;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * A secret value that must not be shown, described instead.
	 * @param property the full property name
	 * @param description what may be said about the value, e.g.
	 * {@code (not shown, 16 bytes)}
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 * @return the exception
	 */
	public static InvalidOtelPropertyException notShown(String property, String description, String problem,
			String action) {
		return new InvalidOtelPropertyException(property, description, false, problem, action);
	}

	/**
	 * A value no member of a closed set is spelled as, found while converting it, before
	 * the property it came from is known; the failure analyzer takes the property from
	 * the binding.
	 * @param value the value
	 * @param members the set's members
	 * @return the exception
	 */
	public static InvalidOtelPropertyException unknownValue(String value, OtelValue[] members) {
		StringBuilder choices = new StringBuilder();
		for (int i = 0; i < members.length; i++) {
			choices.append((i == 0) ? "" : (i < members.length - 1) ? ", " : " or ").append(members[i].value());
		}
		return new InvalidOtelPropertyException(null, value, true, "unknown " + members[0].valueSetName(),
				"use " + choices);
	}

	/**
	 * The full property name.
	 * @return the property, or {@code null} for an {@link #unknownValue unknown value}
	 * found in conversion
	 */
	public @Nullable String getProperty() {
		return this.property;
	}

	/**
	 * The value as it may be shown: as configured, masked, or a description of a secret
	 * one.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * The value as a report shows it: quoted, or the description of a secret one.
	 * @return the shown value
	 */
	public String getShownValue() {
		return this.quoted ? "'" + this.value + "'" : this.value;
	}

	/**
	 * What is wrong with the value.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
