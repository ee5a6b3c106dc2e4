package io.selfobs.autoconfigure.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * What the OpenTelemetry naming needs besides the observation conventions, applied once
 * per new meter id (never per recording):
 * <ul>
 * <li>the semantic conventions' conditional attributes ({@code http.route},
 * {@code error.type}, {@code http.response.status_code}) get an empty value where they
 * are absent, because every series of a Prometheus family must have the same label names
 * (an empty label is the same as no label to Prometheus);</li>
 * <li>the generic {@code error} tag Micrometer's observation handler adds ({@code none}
 * on success) is dropped from these meters, where {@code error.type} says the same by the
 * conventions;</li>
 * <li>abbreviated base units are spelled out ({@code ms} → {@code milliseconds}), as the
 * OTLP → Prometheus translation spells them out;</li>
 * <li>Micrometer's {@code process.cpu.time} (nanoseconds) gives way to
 * {@code process_cpu_seconds_total}, and its {@code jvm.compilation.time} (milliseconds,
 * which the two outputs cannot name alike) is left out.</li>
 * </ul>
 * Internal, not API.
 */
public final class OpenTelemetryNamingMeterFilter implements MeterFilter {

	private static final Map<String, List<String>> CONDITIONAL_KEYS = Map.of("http.server.request.duration",
			List.of("http.route", "error.type"), "http.client.request.duration",
			List.of("http.response.status_code", "error.type"), "db.client.operation.duration", List.of("error.type"));

	private static final String OBSERVATION_ERROR_KEY = "error";

	private static final Map<String, String> SPELLED_OUT_UNITS = Map.of("ms", "milliseconds", "us", "microseconds",
			"ns", "nanoseconds", "s", "seconds", "min", "minutes", "h", "hours", "d", "days", "By", "bytes", "%",
			"percent");

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		if (id.getName().equals("process.cpu.time") || id.getName().equals("jvm.compilation.time")) {
			return MeterFilterReply.DENY;
		}
		return MeterFilterReply.NEUTRAL;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		Meter.Id mapped = id;
		String unit = (id.getBaseUnit() != null) ? SPELLED_OUT_UNITS.get(id.getBaseUnit()) : null;
		if (unit != null) {
			mapped = mapped.withBaseUnit(unit);
		}
		List<String> conditional = CONDITIONAL_KEYS.get(id.getName());
		if (conditional == null) {
			return mapped;
		}
		List<Tag> tags = new ArrayList<>(mapped.getTags().size() + conditional.size());
		for (Tag tag : mapped.getTagsAsIterable()) {
			if (!tag.getKey().equals(OBSERVATION_ERROR_KEY)) {
				tags.add(tag);
			}
		}
		for (String key : conditional) {
			if (id.getTag(key) == null) {
				tags.add(Tag.of(key, ""));
			}
		}
		return mapped.replaceTags(tags);
	}

}
