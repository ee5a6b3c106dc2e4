package io.selfobs.autoconfigure.otlp;

/**
 * A member of a closed set of {@code otel.*} values that configuration, like the standard
 * {@code OTEL_*} variables, spells as the OpenTelemetry specification does (e.g.
 * {@code http/protobuf}). Bound from that spelling in any case; an unknown value stops
 * startup with a report naming the property and the choices.
 */
public interface OtelValue {

	/**
	 * The value as the OpenTelemetry specification spells it.
	 * @return the specification spelling
	 */
	String value();

	/**
	 * What the set is called in a startup failure report, e.g. {@code OTLP protocol}; the
	 * same for every member.
	 * @return the name of the set
	 */
	String valueSetName();

}
