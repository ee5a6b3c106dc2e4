package io.selfobs.autoconfigure.logging.internal.otlp;

import io.opentelemetry.sdk.logs.export.LogRecordExporter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Removes Spring Boot's {@code openTelemetryBatchLogRecordProcessor} when the context has no
 * {@link LogRecordExporter} bean. Boot's processor feeds the exporter beans; without any it would queue every
 * log record for an empty composite exporter, on a worker thread of its own, next to the processor selfobs
 * exports with. Boot's condition ({@code @ConditionalOnMissingBean(BatchLogRecordProcessor)}) cannot see
 * that, and selfobs' processor cannot take that final type. With an exporter bean (the user's, or Boot's own
 * OTLP log exporter switched on) the processor stays. Internal, not API.
 */
public final class IdleBatchLogRecordProcessorRemover implements BeanDefinitionRegistryPostProcessor {

	static final String BEAN_NAME = "openTelemetryBatchLogRecordProcessor";

	private static final String DECLARING_CONFIGURATION = "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (registry instanceof ListableBeanFactory beanFactory && declaredByBoot(registry)
				&& beanFactory.getBeanNamesForType(LogRecordExporter.class, true, false).length == 0) {
			registry.removeBeanDefinition(BEAN_NAME);
		}
	}

	private static boolean declaredByBoot(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(BEAN_NAME)) {
			return false;
		}
		String configuration = registry.getBeanDefinition(BEAN_NAME).getFactoryBeanName();
		if (configuration == null || !registry.containsBeanDefinition(configuration)) {
			return false;
		}
		BeanDefinition declaring = registry.getBeanDefinition(configuration);
		return DECLARING_CONFIGURATION.equals(declaring.getBeanClassName());
	}

}
