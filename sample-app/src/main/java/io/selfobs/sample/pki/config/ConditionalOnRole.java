package io.selfobs.sample.pki.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Registers a component only when {@code pki.roles} includes the given role (both roles
 * by default).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnRole.OnRoleCondition.class)
public @interface ConditionalOnRole {

	PkiProperties.Role value();

	final class OnRoleCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
			return plays(context, (PkiProperties.Role) attributes.get("value"));
		}

		static boolean plays(ConditionContext context, PkiProperties.Role role) {
			return Binder.get(context.getEnvironment())
				.bind("pki.roles", Bindable.setOf(PkiProperties.Role.class))
				.map((roles) -> roles.contains(role))
				.orElse(true);
		}

	}

}
