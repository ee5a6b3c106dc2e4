package io.selfobs.autoconfigure.systemhealth;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.autoconfigure.otlp.OtelResourceAttributes;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.worker.WorkerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Reads a {@link ServiceSnapshot}: evaluates every health group with details (as an
 * authorized caller would see them, values redacted), the workers and queues of the
 * {@link WorkerRegistry}, and each signal's pipeline from its resolved destination and
 * the {@code selfobs.export.*} meters. Every collaborator is optional. Internal, not API.
 */
public class ServiceSnapshotReader {

	private static final List<String> PROBES = List.of("liveness", "readiness", "startup");

	private final ObjectProvider<OtelResourceAttributes> resource;

	private final ObjectProvider<HealthContributorRegistry> contributors;

	private final ObjectProvider<HealthEndpointGroups> groups;

	private final ObjectProvider<WorkerRegistry> workers;

	private final ObjectProvider<OtlpSignalProperties> signals;

	private final ObjectProvider<OtlpDestinationResolver> destinations;

	private final ObjectProvider<OtlpExportTelemetry> exportTelemetry;

	private final ObjectProvider<MeterRegistry> meters;

	private final Redactor redactor;

	private final Clock clock;

	public ServiceSnapshotReader(ObjectProvider<OtelResourceAttributes> resource,
			ObjectProvider<HealthContributorRegistry> contributors, ObjectProvider<HealthEndpointGroups> groups,
			ObjectProvider<WorkerRegistry> workers, ObjectProvider<OtlpSignalProperties> signals,
			ObjectProvider<OtlpDestinationResolver> destinations, ObjectProvider<OtlpExportTelemetry> exportTelemetry,
			ObjectProvider<MeterRegistry> meters, Redactor redactor, Clock clock) {
		this.resource = resource;
		this.contributors = contributors;
		this.groups = groups;
		this.workers = workers;
		this.signals = signals;
		this.destinations = destinations;
		this.exportTelemetry = exportTelemetry;
		this.meters = meters;
		this.redactor = redactor;
		this.clock = clock;
	}

	/**
	 * Read the probes (liveness, readiness, startup), workers, queues and pipelines.
	 * @return the snapshot
	 */
	public ServiceSnapshot probesOnly() {
		return read(false);
	}

	/**
	 * Read every health group and the aggregate of all contributors, workers, queues and
	 * pipelines.
	 * @return the snapshot
	 */
	public ServiceSnapshot everything() {
		return read(true);
	}

	private ServiceSnapshot read(boolean allGroups) {
		Instant now = this.clock.instant();
		WorkerRegistry registry = this.workers.getIfAvailable();
		return new ServiceSnapshot(now, service(), groups(allGroups),
				(registry != null) ? registry.workers() : List.of(), (registry != null) ? registry.queues() : List.of(),
				pipelines());
	}

	private Map<String, String> service() {
		Map<String, String> service = new LinkedHashMap<>();
		OtelResourceAttributes attributes = this.resource.getIfAvailable();
		if (attributes != null) {
			for (String key : List.of("service.name", "service.version", "service.instance.id",
					"deployment.environment.name")) {
				String value = attributes.asMap().get(key);
				if (value != null) {
					service.put(key, this.redactor.redactValue(key, value));
				}
			}
		}
		return service;
	}

	private List<ServiceSnapshot.Group> groups(boolean allGroups) {
		HealthContributorRegistry registry = this.contributors.getIfAvailable();
		HealthEndpointGroups healthGroups = this.groups.getIfAvailable();
		if (registry == null || healthGroups == null) {
			return List.of();
		}
		Set<String> names = new LinkedHashSet<>();
		for (String probe : PROBES) {
			if (healthGroups.getNames().contains(probe)) {
				names.add(probe);
			}
		}
		if (allGroups) {
			names.addAll(new java.util.TreeSet<>(healthGroups.getNames()));
		}
		List<ServiceSnapshot.Group> result = new ArrayList<>();
		for (String name : names) {
			HealthEndpointGroup group = healthGroups.get(name);
			if (group != null) {
				result.add(evaluate(name, group, registry));
			}
		}
		if (allGroups) {
			result.add(evaluate("all", healthGroups.getPrimary(), registry));
		}
		return result;
	}

	private ServiceSnapshot.Group evaluate(String name, HealthEndpointGroup group, HealthContributors registry) {
		List<ServiceSnapshot.Component> members = new ArrayList<>();
		for (HealthContributors.Entry entry : registry) {
			collect(entry.name(), entry.contributor(), group, members);
		}
		Set<Status> statuses = new LinkedHashSet<>();
		members.forEach((member) -> statuses.add(new Status(member.status())));
		String status = statuses.isEmpty() ? Status.UP.getCode()
				: group.getStatusAggregator().getAggregateStatus(statuses).getCode();
		return new ServiceSnapshot.Group(name, status, members);
	}

	private void collect(String path, HealthContributor contributor, HealthEndpointGroup group,
			List<ServiceSnapshot.Component> members) {
		if (contributor instanceof CompositeHealthContributor composite) {
			boolean whole = group.isMember(path);
			for (HealthContributors.Entry child : composite) {
				String childPath = path + "/" + child.name();
				if (whole || group.isMember(childPath)) {
					collect(childPath, child.contributor(), new WholeGroup(), members);
				}
			}
			return;
		}
		if (contributor instanceof HealthIndicator indicator && group.isMember(path)) {
			members.add(component(path, indicator));
		}
	}

	private ServiceSnapshot.Component component(String name, HealthIndicator indicator) {
		Health health;
		try {
			Health reported = indicator.health(true);
			health = (reported != null) ? reported : Health.unknown().build();
		}
		catch (RuntimeException ex) {
			health = Health.down().withDetail("error", ex.getClass().getName()).build();
		}
		return new ServiceSnapshot.Component(name, health.getStatus().getCode(), redactDetails(health.getDetails()));
	}

	private Map<String, Object> redactDetails(Map<String, Object> details) {
		Map<String, Object> redacted = new LinkedHashMap<>();
		details.forEach((key, value) -> redacted.put(key, redactDetail(key, value)));
		return redacted;
	}

	@SuppressWarnings("unchecked")
	private Object redactDetail(String key, @Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> nested = new LinkedHashMap<>();
			map.forEach((k, v) -> nested.put(String.valueOf(k), redactDetail(String.valueOf(k), v)));
			return nested;
		}
		if (value instanceof Iterable<?> list) {
			List<Object> items = new ArrayList<>();
			list.forEach((item) -> items.add(redactDetail(key, item)));
			return items;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return this.redactor.redactValue(key, String.valueOf(value));
	}

	private List<ServiceSnapshot.Pipeline> pipelines() {
		Map<OtlpSignal, OtlpSignalProperties> bySignal = new LinkedHashMap<>();
		this.signals.orderedStream().forEach((properties) -> bySignal.putIfAbsent(properties.signal(), properties));
		OtlpDestinationResolver resolver = this.destinations.getIfAvailable();
		OtlpExportTelemetry telemetry = this.exportTelemetry.getIfAvailable();
		MeterRegistry registry = this.meters.getIfUnique();
		List<ServiceSnapshot.Pipeline> pipelines = new ArrayList<>();
		for (OtlpSignal signal : OtlpSignal.values()) {
			OtlpSignalProperties properties = bySignal.get(signal);
			OtlpDestination destination = (properties != null && resolver != null)
					? resolver.resolve(properties).orElse(null) : null;
			String tag = signal.tagValue();
			pipelines.add(new ServiceSnapshot.Pipeline(tag, destination != null,
					(destination != null) ? withoutCredentials(destination.endpoint()) : null,
					(destination != null) ? destination.transport() : null,
					(telemetry != null) ? telemetry.lastExport(signal).orElse(null) : null,
					total(sum(registry, "selfobs.export.exported", tag)), sum(registry, "selfobs.export.failed", tag),
					sum(registry, "selfobs.export.dropped", tag)));
		}
		return pipelines;
	}

	private String withoutCredentials(URI endpoint) {
		StringBuilder url = new StringBuilder().append(endpoint.getScheme()).append("://").append(endpoint.getHost());
		if (endpoint.getPort() != -1) {
			url.append(':').append(endpoint.getPort());
		}
		if (endpoint.getRawPath() != null) {
			url.append(endpoint.getRawPath());
		}
		return this.redactor.redactUrl(url.toString());
	}

	private static long total(Map<String, Long> byReason) {
		return byReason.values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<String, Long> sum(@Nullable MeterRegistry registry, String name, String signal) {
		Map<String, Long> byReason = new TreeMap<>();
		if (registry == null) {
			return byReason;
		}
		for (Counter counter : registry.find(name).tag("signal", signal).counters()) {
			String reason = counter.getId().getTag("reason");
			byReason.merge((reason != null) ? reason : "", (long) counter.count(), Long::sum);
		}
		return byReason;
	}

	/**
	 * Members of a composite contributor that is a member as a whole.
	 */
	private static final class WholeGroup implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return true;
		}

		@Override
		public boolean showComponents(org.springframework.boot.actuate.endpoint.SecurityContext securityContext) {
			return true;
		}

		@Override
		public boolean showDetails(org.springframework.boot.actuate.endpoint.SecurityContext securityContext) {
			return true;
		}

		@Override
		public org.springframework.boot.health.actuate.endpoint.StatusAggregator getStatusAggregator() {
			return org.springframework.boot.health.actuate.endpoint.StatusAggregator.getDefault();
		}

		@Override
		public org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper.DEFAULT;
		}

		@Override
		public org.springframework.boot.health.actuate.endpoint.@Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return null;
		}

	}

}
