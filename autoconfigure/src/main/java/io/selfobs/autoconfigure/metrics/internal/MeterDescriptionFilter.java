package io.selfobs.autoconfigure.metrics.internal;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every meter a description, so each Prometheus family has {@code # HELP} text
 * (which Grafana shows and {@code promtool check metrics} demands). Well-known meters get
 * a written description, the rest one derived from the name. Internal, not API.
 */
public final class MeterDescriptionFilter implements MeterFilter {

	private static final Map<String, String> KNOWN = Map.ofEntries(
			Map.entry("http.server.request.duration",
					"Duration of HTTP server requests, by route template, method, status and error type"),
			Map.entry("http.client.request.duration", "Duration of HTTP client requests"),
			Map.entry("http.server.requests",
					"Duration of HTTP server requests, by route template, method, status and outcome"),
			Map.entry("http.server.requests.active", "HTTP server requests in progress"),
			Map.entry("http.client.requests", "Duration of HTTP client requests"),
			Map.entry("selfobs.export.exported", "OTLP batches the collector accepted"),
			Map.entry("selfobs.export.failed", "OTLP batches that could not be delivered, by reason"),
			Map.entry("selfobs.export.dropped", "Telemetry items lost before reaching the collector, by reason"),
			Map.entry("selfobs.export.items", "Telemetry items the collector accepted"));

	@Override
	public Meter.Id map(Meter.Id id) {
		String description = id.getDescription();
		if (description != null && !description.isBlank()) {
			return id;
		}
		String derived = KNOWN.getOrDefault(id.getName(), id.getName().replace('.', ' ').replace('_', ' '));
		return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), derived, id.getType());
	}

}
