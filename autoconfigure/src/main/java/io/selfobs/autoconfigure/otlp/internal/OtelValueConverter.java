package io.selfobs.autoconfigure.otlp.internal;

import java.util.Locale;
import java.util.Set;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtelValue;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds an {@link OtelValue} from its specification spelling ({@code http/protobuf},
 * {@code parentbased_always_on}) in any case, or from its constant name as Spring Boot
 * would; any other value stops startup with the choices in the specification spelling.
 * Internal, not API.
 */
public final class OtelValueConverter implements ConditionalGenericConverter {

	/**
	 * A binder over the environment that converts {@link OtelValue}s as the application
	 * context's binding does, for what selfobs reads before the context exists.
	 * @param environment the environment
	 * @return the binder
	 */
	public static Binder binder(ConfigurableEnvironment environment) {
		ApplicationConversionService conversion = new ApplicationConversionService();
		conversion.addConverter(new OtelValueConverter());
		return new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversion);
	}

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String.class, Enum.class));
	}

	@Override
	public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
		return OtelValue.class.isAssignableFrom(targetType.getType()) && targetType.getType().isEnum();
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		String value = (source != null) ? source.toString().trim() : "";
		if (value.isEmpty()) {
			return null;
		}
		OtelValue[] members = (OtelValue[]) targetType.getType().getEnumConstants();
		String canonical = canonical(value);
		for (OtelValue member : members) {
			if (member.value().equalsIgnoreCase(value) || canonical(((Enum<?>) member).name()).equals(canonical)) {
				return member;
			}
		}
		throw InvalidOtelPropertyException.unknownValue(value, members);
	}

	private static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		name.chars().filter(Character::isLetterOrDigit).forEach((c) -> canonical.append((char) c));
		return canonical.toString().toLowerCase(Locale.ROOT);
	}

}
