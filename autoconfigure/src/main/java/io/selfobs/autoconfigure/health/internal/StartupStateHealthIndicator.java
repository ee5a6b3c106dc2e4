package io.selfobs.autoconfigure.health.internal;

import java.util.List;

import io.selfobs.autoconfigure.health.StartupGate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the startup probe: DOWN until the {@link StartupGate} opens, then UP.
 * Internal, not API.
 */
public final class StartupStateHealthIndicator implements HealthIndicator {

	private final StartupGate gate;

	public StartupStateHealthIndicator(StartupGate gate) {
		this.gate = gate;
	}

	@Override
	public Health health() {
		if (this.gate.isOpen()) {
			return Health.up().build();
		}
		List<String> pendingTasks = this.gate.pendingTasks();
		Health.Builder down = Health.down();
		if (!pendingTasks.isEmpty()) {
			down.withDetail("pendingTasks", pendingTasks);
		}
		return down.build();
	}

}
