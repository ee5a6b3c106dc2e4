package io.selfobs.autoconfigure.worker;

import io.selfobs.autoconfigure.health.internal.HealthGroupMembers;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.core.Ordered;

/**
 * Makes the {@code workers} contributor a member of the {@code readiness} group, so that
 * a stalled worker takes the instance out of rotation. Only readiness: liveness never
 * depends on a worker. A group property cannot do this, because Boot rejects a member
 * that does not exist when the properties are read. Internal, not API.
 */
final class WorkersReadinessGroupsPostProcessor implements HealthEndpointGroupsPostProcessor, Ordered {

	private static final String READINESS = "readiness";

	@Override
	public int getOrder() {
		// After Boot's availability probes post-processor, which may be what adds the
		// readiness group
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		return HealthGroupMembers.withMembers(groups, READINESS, WorkersHealthIndicator.NAME::equals);
	}

}
