package io.selfobs.autoconfigure.otlp.destination;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.selfobs.autoconfigure.otlp.OtlpSignal;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a signal is exported over OTLP: {@code otel.enabled} is not false, and
 * {@code otel.<signal>.enabled} is true, or is unset while a destination is configured
 * for the signal.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnOtlpExportCondition.class)
public @interface ConditionalOnOtlpExport {

	/**
	 * The signal to check.
	 * @return the signal
	 */
	OtlpSignal value();

}
