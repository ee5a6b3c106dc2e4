package io.selfobs.autoconfigure.health.internal;

import java.util.List;

import io.selfobs.autoconfigure.health.HealthProbeProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Makes the DataSource health ({@code db}) a member of the readiness probe unless the
 * user chose the readiness group's members with Boot properties or excluded {@code db}
 * through {@code otel.health.readiness.exclude}.
 * <p>
 * This cannot be a group property default: Boot rejects a group member that does not
 * exist, and whether a DataSource exists is only known once the beans do. Here {@code db}
 * is simply never asked about when there is no DataSource. Internal, not API.
 */
public final class DataSourceReadinessGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

	static final String DATA_SOURCE_CONTRIBUTOR = "db";

	private static final String READINESS = ProbeGroup.READINESS.groupName();

	private static final String READINESS_GROUP = "management.endpoint.health.group." + READINESS;

	private final boolean addDataSource;

	public DataSourceReadinessGroupsPostProcessor(ConfigurableEnvironment environment,
			HealthProbeProperties properties) {
		HealthProbeProperties.Probe readiness = properties.getReadiness();
		this.addDataSource = readiness.isEnabled() && !readiness.getExclude().contains(DATA_SOURCE_CONTRIBUTOR)
				&& !userChoseReadinessMembers(environment);
	}

	private static boolean userChoseReadinessMembers(ConfigurableEnvironment environment) {
		List<PropertySource<?>> userSources = environment.getPropertySources()
			.stream()
			.filter((source) -> !ProbeDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME.equals(source.getName()))
			.toList();
		Binder userBinder = new Binder(ConfigurationPropertySources.from(userSources));
		return userBinder.bind(READINESS_GROUP + ".include", Bindable.setOf(String.class)).isBound()
				|| userBinder.bind(READINESS_GROUP + ".exclude", Bindable.setOf(String.class)).isBound();
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		if (!this.addDataSource) {
			return groups;
		}
		return HealthGroupMembers.withMembers(groups, READINESS,
				(name) -> DATA_SOURCE_CONTRIBUTOR.equals(name) || name.startsWith(DATA_SOURCE_CONTRIBUTOR + "/"));
	}

}
