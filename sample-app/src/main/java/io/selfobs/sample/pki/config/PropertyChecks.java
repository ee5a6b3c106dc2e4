package io.selfobs.sample.pki.config;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Startup checks of {@code pki.*} values that would otherwise fail later, or silently:
 * each failure names the property and the fix ({@link InvalidPkiPropertyException}).
 * Meant for values that are no secret; a secret is checked where it is read, without
 * quoting it.
 */
public final class PropertyChecks {

	private PropertyChecks() {
	}

	/**
	 * Require a positive duration.
	 * @param property the property name
	 * @param value the bound value
	 * @param example a usable value, for example {@code 15m}
	 * @return the value
	 */
	public static Duration positive(String property, Duration value, String example) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidPkiPropertyException(property, "must be a positive duration",
					"Set " + property + " to a duration such as '" + example + "'.");
		}
		return value;
	}

	/**
	 * Require a duration of zero or more.
	 * @param property the property name
	 * @param value the bound value
	 * @param example a usable value, for example {@code 30d}
	 * @return the value
	 */
	public static Duration notNegative(String property, Duration value, String example) {
		if (value == null || value.isNegative()) {
			throw new InvalidPkiPropertyException(property, "must be a duration of zero or more",
					"Set " + property + " to a duration such as '" + example + "'.");
		}
		return value;
	}

	/**
	 * Require a positive size.
	 * @param property the property name
	 * @param value the bound value
	 * @param example a usable value, for example {@code 64KB}
	 * @return the value
	 */
	public static DataSize positive(String property, DataSize value, String example) {
		if (value == null || value.toBytes() < 1) {
			throw new InvalidPkiPropertyException(property, "must be a positive size",
					"Set " + property + " to a size such as '" + example + "'.");
		}
		return value;
	}

	/**
	 * Require a number of at least one.
	 * @param property the property name
	 * @param value the bound value
	 * @return the value
	 */
	public static int positive(String property, int value) {
		if (value < 1) {
			throw new InvalidPkiPropertyException(property, "must be at least 1, got " + value,
					"Set " + property + " to a positive number or remove it for the default.");
		}
		return value;
	}

	/**
	 * Require a number within bounds.
	 * @param property the property name
	 * @param value the bound value
	 * @param min the smallest allowed value
	 * @param max the largest allowed value
	 * @return the value
	 */
	public static int between(String property, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidPkiPropertyException(property, "must be between " + min + " and " + max + ", got " + value,
					"Set " + property + " to a value in that range or remove it for the default.");
		}
		return value;
	}

	/**
	 * Require a non-blank text.
	 * @param property the property name
	 * @param value the bound value
	 * @param what what the text names, for the fix
	 * @return the value
	 */
	public static String notBlank(String property, String value, String what) {
		if (value == null || value.isBlank()) {
			throw new InvalidPkiPropertyException(property, "is empty", "Set " + property + " to " + what + ".");
		}
		return value;
	}

}
