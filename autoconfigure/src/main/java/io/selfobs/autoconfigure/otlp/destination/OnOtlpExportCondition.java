package io.selfobs.autoconfigure.otlp.destination;

import java.util.Map;

import io.selfobs.autoconfigure.otlp.OtlpSignal;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;

/**
 * Evaluates {@link ConditionalOnOtlpExport} with the rule {@link OtlpDestinationResolver}
 * applies; the condition report names the property that decided.
 */
final class OnOtlpExportCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnOtlpExport.class.getName());
		Assert.state(attributes != null && attributes.get("value") instanceof OtlpSignal,
				"@ConditionalOnOtlpExport names no signal");
		OtlpSignal signal = (OtlpSignal) attributes.get("value");
		Environment env = context.getEnvironment();
		String prefix = signal.prefix();
		OtlpExportRule rule = OtlpExportRule.decide(signal, env.getProperty("otel.enabled", Boolean.class, true),
				env.getProperty(prefix + ".enabled", Boolean.class), env.getProperty(prefix + ".endpoint"),
				env.getProperty(prefix + ".hostname"), env.getProperty(OtlpExportRule.SHARED_ENDPOINT));
		ConditionMessage message = ConditionMessage.forCondition(ConditionalOnOtlpExport.class, signal)
			.because(rule.reason());
		return new ConditionOutcome(rule.exports(), message);
	}

}
