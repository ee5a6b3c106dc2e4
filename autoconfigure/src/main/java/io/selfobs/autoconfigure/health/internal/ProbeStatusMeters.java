package io.selfobs.autoconfigure.health.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.selfobs.autoconfigure.health.HealthProbeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * Gauges {@code selfobs.health.status{group}} (Prometheus {@code selfobs_health_status}):
 * 1 while the health group behind a probe ({@code liveness}, {@code readiness},
 * {@code startup}) is UP, 0 while it is not, NaN until it has been evaluated. A daemon
 * thread evaluates the groups every {@code otel.health.metrics.interval}, so a scrape or
 * an export never waits for a slow contributor (a database check can wait for a pooled
 * connection).
 * <p>
 * Internal, not API.
 */
public final class ProbeStatusMeters implements MeterBinder, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ProbeStatusMeters.class);

	private static final long NOT_EVALUATED = Double.doubleToLongBits(Double.NaN);

	private final ObjectProvider<HealthEndpoint> healthEndpoint;

	private final Duration interval;

	private final Map<String, AtomicLong> statusByGroup = new LinkedHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "selfobs-health-meters");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean warned;

	public ProbeStatusMeters(ObjectProvider<HealthEndpoint> healthEndpoint, HealthProbeProperties properties) {
		this.healthEndpoint = healthEndpoint;
		this.interval = properties.getMetrics().getInterval();
		for (ProbeGroup group : new ProbeGroup[] { ProbeGroup.LIVENESS, ProbeGroup.READINESS, ProbeGroup.STARTUP }) {
			if (group.probe(properties).isEnabled()) {
				this.statusByGroup.put(group.groupName(), new AtomicLong(NOT_EVALUATED));
			}
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.statusByGroup.forEach((group, status) -> Gauge
			.builder("selfobs.health.status", status, (value) -> Double.longBitsToDouble(value.get()))
			.description("1 while the health group behind the probe is UP, 0 otherwise")
			.tag("group", group)
			.register(registry));
		this.scheduler.scheduleWithFixedDelay(this::refresh, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	void refresh() {
		HealthEndpoint endpoint = this.healthEndpoint.getIfAvailable();
		if (endpoint == null) {
			return;
		}
		this.statusByGroup.forEach((group, status) -> status.set(Double.doubleToLongBits(evaluate(endpoint, group))));
	}

	private double evaluate(HealthEndpoint endpoint, String group) {
		try {
			HealthDescriptor health = endpoint.healthForPath(group);
			if (health == null) {
				return Double.NaN;
			}
			return Status.UP.equals(health.getStatus()) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			if (!this.warned) {
				this.warned = true;
				log.warn("Health group '{}' could not be evaluated for selfobs.health.status: {}", group,
						ex.toString());
			}
			return Double.NaN;
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
