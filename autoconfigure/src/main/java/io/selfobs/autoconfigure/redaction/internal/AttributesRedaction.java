package io.selfobs.autoconfigure.redaction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;

/**
 * Redaction of OpenTelemetry attributes, one path for every signal that carries them
 * (span, span event, link and log record attributes): string values, and each item of a
 * string array, redacted by key in one pass. The attributes are copied only once a value
 * changes. Values are compared by identity on purpose: a {@link Redactor} returns the
 * same instance for a clean value. Internal, not API.
 */
public final class AttributesRedaction {

	private AttributesRedaction() {
	}

	/**
	 * Redact the attributes.
	 * @param attributes the attributes
	 * @param redactor the redactor
	 * @return the same instance when nothing was redacted
	 */
	public static Attributes redact(Attributes attributes, Redactor redactor) {
		if (attributes.isEmpty()) {
			return attributes;
		}
		Visitor visitor = new Visitor(attributes, redactor);
		attributes.forEach(visitor);
		return (visitor.changed != null) ? visitor.changed.build() : attributes;
	}

	/**
	 * Redact each item of a list.
	 * @param <T> the item type
	 * @param items the items
	 * @param redaction redacts one item, returning the same instance when nothing changed
	 * @return the same list when no item changed, else an unmodifiable copy
	 */
	public static <T> List<T> redactEach(List<T> items, Function<T, T> redaction) {
		List<T> redacted = null;
		for (int i = 0; i < items.size(); i++) {
			T item = items.get(i);
			T result = redaction.apply(item);
			if (result != item && redacted == null) {
				redacted = new ArrayList<>(items);
			}
			if (redacted != null) {
				redacted.set(i, result);
			}
		}
		return (redacted != null) ? List.copyOf(redacted) : items;
	}

	private static final class Visitor implements BiConsumer<AttributeKey<?>, Object> {

		private final Attributes attributes;

		private final Redactor redactor;

		private @Nullable AttributesBuilder changed;

		Visitor(Attributes attributes, Redactor redactor) {
			this.attributes = attributes;
			this.redactor = redactor;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void accept(AttributeKey<?> key, Object value) {
			if (key.getType() == AttributeType.STRING) {
				String redacted = this.redactor.redactValue(key.getKey(), (String) value);
				if (redacted != value) {
					builder().put((AttributeKey<String>) key, redacted);
				}
			}
			else if (key.getType() == AttributeType.STRING_ARRAY) {
				List<String> items = (List<String>) value;
				List<String> redacted = redactEach(items, (item) -> this.redactor.redactValue(key.getKey(), item));
				if (redacted != items) {
					builder().put((AttributeKey<List<String>>) key, redacted);
				}
			}
		}

		private AttributesBuilder builder() {
			if (this.changed == null) {
				this.changed = this.attributes.toBuilder();
			}
			return this.changed;
		}

	}

}
