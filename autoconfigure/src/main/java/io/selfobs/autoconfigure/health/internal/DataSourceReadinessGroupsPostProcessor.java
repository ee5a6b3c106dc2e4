package io.selfobs.autoconfigure.health.internal;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.selfobs.autoconfigure.health.HealthProbeProperties;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Makes the DataSource health ({@code db}) a member of the readiness probe unless the
 * user chose the readiness group's members with Boot properties or excluded {@code db}
 * through {@code otel.health.readiness.exclude}.
 * <p>
 * This cannot be a group property default: Boot rejects a group member that does not
 * exist, and whether a DataSource exists is only known once the beans do. Here
 * {@code db} is simply never asked about when there is no DataSource.
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
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (!this.addDataSource || readiness == null) {
			return groups;
		}
		return new ReadinessWithDataSourceGroups(groups, new ReadinessWithDataSourceGroup(readiness));
	}

	private static final class ReadinessWithDataSourceGroups implements HealthEndpointGroups, AdditionalPathsMapper {

		private final HealthEndpointGroups groups;

		private final HealthEndpointGroup readiness;

		private ReadinessWithDataSourceGroups(HealthEndpointGroups groups, HealthEndpointGroup readiness) {
			this.groups = groups;
			this.readiness = readiness;
		}

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.groups.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			return this.groups.getNames();
		}

		@Override
		public @Nullable HealthEndpointGroup get(String name) {
			return READINESS.equals(name) ? this.readiness : this.groups.get(name);
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace namespace) {
			return (this.groups instanceof AdditionalPathsMapper mapper) ? mapper.getAdditionalPaths(endpointId, namespace)
					: null;
		}

	}

	private static final class ReadinessWithDataSourceGroup implements HealthEndpointGroup {

		private final HealthEndpointGroup readiness;

		private ReadinessWithDataSourceGroup(HealthEndpointGroup readiness) {
			this.readiness = readiness;
		}

		@Override
		public boolean isMember(String name) {
			return this.readiness.isMember(name) || DATA_SOURCE_CONTRIBUTOR.equals(name)
					|| name.startsWith(DATA_SOURCE_CONTRIBUTOR + "/");
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.readiness.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.readiness.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.readiness.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.readiness.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.readiness.getAdditionalPath();
		}

	}

}
