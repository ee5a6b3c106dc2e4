package io.selfobs.autoconfigure.health.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds members to a health group once the contributors exist. A group property cannot do
 * this: Boot rejects a member that does not exist when the properties are read. Used by
 * the {@code HealthEndpointGroupsPostProcessor}s that put the DataSource and the workers
 * into readiness. Internal, not API.
 */
public final class HealthGroupMembers {

	private HealthGroupMembers() {
	}

	/**
	 * The groups with one group widened by extra members; everything else, the additional
	 * paths included, is the original groups'.
	 * @param groups the groups
	 * @param groupName the group to widen
	 * @param extraMember which contributor names become members as well
	 * @return the widened groups, or the groups themselves when they have no such group
	 */
	public static HealthEndpointGroups withMembers(HealthEndpointGroups groups, String groupName,
			Predicate<String> extraMember) {
		HealthEndpointGroup group = groups.get(groupName);
		if (group == null) {
			return groups;
		}
		return new WidenedGroups(groups, groupName, new WidenedGroup(group, extraMember));
	}

	private record WidenedGroups(HealthEndpointGroups groups, String name,
			HealthEndpointGroup widened) implements HealthEndpointGroups, AdditionalPathsMapper {

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
			return this.name.equals(name) ? this.widened : this.groups.get(name);
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace namespace) {
			return (this.groups instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, namespace) : null;
		}

	}

	private record WidenedGroup(HealthEndpointGroup group,
			Predicate<String> extraMember) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.group.isMember(name) || this.extraMember.test(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.group.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.group.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.group.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.group.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.group.getAdditionalPath();
		}

	}

}
