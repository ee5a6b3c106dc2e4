package io.selfobs.autoconfigure.otlp;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Evaluates {@link ConditionalOnOtlpExport} with the same rule {@link OtlpDestinationResolver} applies.
 */
final class OnOtlpExportCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		OtlpSignal signal = (OtlpSignal) metadata.getAnnotationAttributes(ConditionalOnOtlpExport.class.getName())
			.get("value");
		Environment env = context.getEnvironment();
		String prefix = signal.prefix();
		boolean destination = OtlpDestinationResolver.hasDestination(env.getProperty(prefix + ".endpoint"),
				env.getProperty(prefix + ".hostname"), env.getProperty("otel.exporter.otlp.endpoint"));
		boolean exports = OtlpExportRule.exports(env.getProperty("otel.enabled", Boolean.class, true),
				env.getProperty(prefix + ".enabled", Boolean.class), destination);
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnOtlpExport.class, signal);
		return exports ? ConditionOutcome.match(message.because("OTLP export of " + signal.tagValue() + " is on"))
				: ConditionOutcome.noMatch(message.because("OTLP export of " + signal.tagValue() + " is off"));
	}

}
