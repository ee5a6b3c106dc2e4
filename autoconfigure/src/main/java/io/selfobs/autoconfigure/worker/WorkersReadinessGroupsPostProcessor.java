package io.selfobs.autoconfigure.worker;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;

/**
 * Makes the {@code workers} contributor a member of the {@code readiness} group, so that a stalled worker takes the
 * instance out of rotation. Only readiness: liveness never depends on a worker. A group property cannot do this,
 * because Boot rejects a member that does not exist when the properties are read. Internal, not API.
 */
final class WorkersReadinessGroupsPostProcessor implements HealthEndpointGroupsPostProcessor, Ordered {

	private static final String READINESS = "readiness";

	@Override
	public int getOrder() {
		// After Boot's availability probes post-processor, which may be what adds the readiness group
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness == null || readiness.isMember(WorkersHealthIndicator.NAME)) {
			return groups;
		}
		return new Groups(groups, new ReadinessWithWorkers(readiness));
	}

	private record Groups(HealthEndpointGroups groups, HealthEndpointGroup readiness)
			implements HealthEndpointGroups, AdditionalPathsMapper {

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
			return (this.groups instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, namespace) : null;
		}

	}

	private record ReadinessWithWorkers(HealthEndpointGroup readiness) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.readiness.isMember(name) || WorkersHealthIndicator.NAME.equals(name);
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
