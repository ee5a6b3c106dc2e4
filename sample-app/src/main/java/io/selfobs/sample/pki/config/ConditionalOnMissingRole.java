package io.selfobs.sample.pki.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Registers a component only when {@code pki.roles} leaves out the given role.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnMissingRole.OnMissingRoleCondition.class)
public @interface ConditionalOnMissingRole {

	PkiProperties.Role value();

	final class OnMissingRoleCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !ConditionalOnRole.OnRoleCondition.plays(context,
					ConditionalOnRole.OnRoleCondition.role(metadata, ConditionalOnMissingRole.class));
		}

	}

}
