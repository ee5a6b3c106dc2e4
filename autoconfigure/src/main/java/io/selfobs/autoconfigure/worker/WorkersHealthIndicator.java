package io.selfobs.autoconfigure.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code workers} health contributor: DOWN, naming the stalled workers, when any
 * worker is stalled. A member of the readiness probe (see
 * {@code otel.workers.readiness.enabled}), never of liveness. Internal, not API.
 */
final class WorkersHealthIndicator implements HealthIndicator {

	static final String NAME = "workers";

	private final WorkerRegistry registry;

	WorkersHealthIndicator(WorkerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		List<WorkerStatus> workers = this.registry.workers();
		List<String> stalled = workers.stream().filter(WorkerStatus::stalled).map(WorkerStatus::name).toList();
		Health.Builder health = stalled.isEmpty() ? Health.up() : Health.down().withDetail("stalled", stalled);
		for (WorkerStatus worker : workers) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("state", worker.state().name());
			details.put("stallThreshold", worker.stallThreshold().toString());
			details.put("lastSuccessfulCycle",
					(worker.lastSuccessfulCycle() != null) ? worker.lastSuccessfulCycle().toString() : "never");
			details.put("failedCycles", worker.failedCycles());
			details.put("consecutiveFailures", worker.consecutiveFailures());
			health.withDetail(worker.name(), details);
		}
		return health.build();
	}

}
