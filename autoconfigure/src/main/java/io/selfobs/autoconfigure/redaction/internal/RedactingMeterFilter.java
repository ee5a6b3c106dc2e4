package io.selfobs.autoconfigure.redaction.internal;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * Drops denied tag keys (such as e-mail addresses and user names) and redacts the values
 * of the remaining tags, before any registry exports them. Internal, not API.
 */
public final class RedactingMeterFilter implements MeterFilter {

	private final Redactor redactor;

	private final KeyPatterns deniedTagKeys;

	/**
	 * Create a filter.
	 * @param redactor the redactor applied to tag values
	 * @param deniedTagKeys the tag keys to drop
	 */
	public RedactingMeterFilter(Redactor redactor, KeyPatterns deniedTagKeys) {
		this.redactor = redactor;
		this.deniedTagKeys = deniedTagKeys;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		List<Tag> tags = new ArrayList<>();
		boolean changed = false;
		for (Tag tag : id.getTagsAsIterable()) {
			if (this.deniedTagKeys.matches(tag.getKey())) {
				changed = true;
				continue;
			}
			String value = this.redactor.redactValue(tag.getKey(), tag.getValue());
			changed |= !value.equals(tag.getValue());
			tags.add(value.equals(tag.getValue()) ? tag : Tag.of(tag.getKey(), value));
		}
		return changed ? id.replaceTags(tags) : id;
	}

}
