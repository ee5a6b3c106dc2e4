package io.selfobs.autoconfigure.jdbc.wrapper;

import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;
import io.selfobs.autoconfigure.jdbc.JdbcStatementObservationConvention;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps each {@link DataSource} bean in an {@link ObservedDataSource}, once. The registry
 * and the convention are looked up on the first connection, not here: the registry's own
 * dependencies may need a data source. Internal, not API: public for the
 * auto-configuration only.
 */
public class ObservedDataSourceBeanPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ObservationRegistry> registry;

	private final ObjectProvider<JdbcStatementObservationConvention> convention;

	/**
	 * Create a post-processor wrapping data source beans.
	 * @param registry the observation registry
	 * @param convention the user's convention, if any
	 */
	public ObservedDataSourceBeanPostProcessor(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<JdbcStatementObservationConvention> convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof ObservedDataSource)
				&& !ScopedProxyUtils.isScopedTarget(beanName)) {
			return new ObservedDataSource(dataSource, beanName,
					() -> this.registry.getIfAvailable(() -> ObservationRegistry.NOOP), this.convention::getIfUnique);
		}
		return bean;
	}

}
