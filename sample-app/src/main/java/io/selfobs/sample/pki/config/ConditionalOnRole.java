package io.selfobs.sample.pki.config;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
			return plays(context, role(metadata, ConditionalOnRole.class));
		}

		/**
		 * The role a condition annotation names: its required {@code value}.
		 * @param metadata the annotated element
		 * @param annotation the condition annotation
		 * @return the role
		 */
		static PkiProperties.Role role(AnnotatedTypeMetadata metadata, Class<? extends Annotation> annotation) {
			Map<String, @Nullable Object> attributes = metadata.getAnnotationAttributes(annotation.getName());
			Object role = (attributes != null) ? attributes.get("value") : null;
			if (!(role instanceof PkiProperties.Role known)) {
				throw new IllegalStateException("@" + annotation.getSimpleName() + " without a role on " + metadata);
			}
			return known;
		}

		static boolean plays(ConditionContext context, PkiProperties.Role role) {
			return Binder.get(context.getEnvironment())
				.bind("pki.roles", Bindable.setOf(PkiProperties.Role.class))
				.map((roles) -> roles.contains(role))
				.orElse(true);
		}

	}

}
