package io.selfobs.autoconfigure.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Caps the distinct values of each tag key per meter name. Values beyond the cap are
 * recorded as {@value #OVERFLOW} rather than dropped, so totals stay right while the
 * series count stays bounded. Internal, not API.
 */
public final class CardinalityLimitMeterFilter implements MeterFilter {

	/**
	 * The value that stands for every tag value over the cap.
	 */
	public static final String OVERFLOW = "OTHER";

	private static final Log logger = LogFactory.getLog(CardinalityLimitMeterFilter.class);

	private final int maxTagValues;

	/** Admitted values by meter name and tag key. */
	private final Map<String, Map<String, Set<String>>> seen = new ConcurrentHashMap<>();

	public CardinalityLimitMeterFilter(int maxTagValues) {
		this.maxTagValues = maxTagValues;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		List<Tag> capped = null;
		int i = 0;
		// Iterated without copying: a copy is only made when a value is capped
		for (Tag tag : id.getTagsAsIterable()) {
			if (!admit(id.getName(), tag)) {
				capped = (capped != null) ? capped : new ArrayList<>(id.getTags());
				capped.set(i, Tag.of(tag.getKey(), OVERFLOW));
			}
			i++;
		}
		return (capped != null) ? id.replaceTags(capped) : id;
	}

	private boolean admit(String meter, Tag tag) {
		Set<String> values = valuesOf(meter, tag.getKey());
		if (values.contains(tag.getValue())) {
			return true;
		}
		if (values.size() > this.maxTagValues) {
			// Full and already warned about (the overflow marker is the extra entry): no
			// lock needed
			return false;
		}
		synchronized (values) {
			if (values.size() < this.maxTagValues) {
				values.add(tag.getValue());
				return true;
			}
			if (values.add(OVERFLOW)) {
				logger.warn("Meter '" + meter + "' has more than " + this.maxTagValues + " values for tag '"
						+ tag.getKey() + "'; further values are recorded as " + OVERFLOW
						+ ". Raise otel.metrics.cardinality.max-tag-values or remove the unbounded tag.");
			}
			return false;
		}
	}

	/** Looks up without allocating once the meter and key are known. */
	private Set<String> valuesOf(String meter, String key) {
		Map<String, Set<String>> byKey = this.seen.get(meter);
		if (byKey == null) {
			byKey = this.seen.computeIfAbsent(meter, (name) -> new ConcurrentHashMap<>());
		}
		Set<String> values = byKey.get(key);
		return (values != null) ? values : byKey.computeIfAbsent(key, (name) -> ConcurrentHashMap.newKeySet());
	}

}
