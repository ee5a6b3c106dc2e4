package io.selfobs.autoconfigure.otlp.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Applies Spring Boot's exporter builder customizer beans of a type that exists only on
 * newer Spring Boot lines (such as Spring Boot 4.1's
 * {@code OtlpHttpLogRecordExporterBuilderCustomizer}) to a builder selfobs creates. The
 * same selfobs jar serves Spring Boot 4.0, where the type does not exist, so the type
 * cannot be named in code: it is looked up by name and its single {@code customize}
 * method called through a method handle, once per customizer when the exporter is built
 * (never per export). Use it only from configuration guarded by
 * {@code @ConditionalOnClass} on that type. Internal, not API.
 */
public final class SpringBootBuilderCustomizers {

	private SpringBootBuilderCustomizers() {
	}

	/**
	 * A callback that applies every bean of the given customizer type, in order, to a
	 * builder.
	 * @param <B> the builder type
	 * @param beanFactory where the customizer beans are looked up
	 * @param customizerType the fully qualified name of Spring Boot's customizer
	 * interface, whose one method is {@code void customize(B)}
	 * @param builderType the builder type
	 * @return a callback applying the customizers
	 * @throws IllegalStateException if the type is absent or has no such method
	 */
	public static <B> Consumer<B> applying(BeanFactory beanFactory, String customizerType, Class<B> builderType) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		Class<?> type = ClassUtils.resolveClassName(customizerType, classLoader);
		MethodHandle customize;
		try {
			customize = MethodHandles.publicLookup()
				.findVirtual(type, "customize", MethodType.methodType(void.class, builderType));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(customizerType + " has no customize(" + builderType.getName() + ")", ex);
		}
		ObjectProvider<?> customizers = beanFactory.getBeanProvider(type);
		return (builder) -> customizers.orderedStream().forEach((customizer) -> invoke(customize, customizer, builder));
	}

	private static void invoke(MethodHandle customize, Object customizer, Object builder) {
		try {
			customize.invoke(customizer, builder);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
