package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Immutable attributes in one array sized up front, for a record whose attribute count is
 * known before it is built (the request event's): no growing builder list, no sorted
 * copy. The semantics are those of {@link Attributes#builder()}: a key name given twice
 * keeps its last key and value, and iteration is in key name order. Internal, not API.
 */
final class CompactAttributes implements Attributes {

	/**
	 * Keys at even indexes, their values at the following odd ones.
	 */
	private final Object[] keysAndValues;

	private final int size;

	private CompactAttributes(Object[] keysAndValues, int size) {
		this.keysAndValues = keysAndValues;
		this.size = size;
	}

	/**
	 * Start a set of at most {@code capacity} distinct keys.
	 * @param capacity the most keys that will be put
	 * @return a builder
	 */
	static Builder builder(int capacity) {
		return new Builder(capacity);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(AttributeKey<T> key) {
		for (int i = 0; i < this.size; i++) {
			if (this.keysAndValues[2 * i].equals(key)) {
				return (T) this.keysAndValues[2 * i + 1];
			}
		}
		return null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
		for (int i = 0; i < this.size; i++) {
			consumer.accept((AttributeKey<?>) this.keysAndValues[2 * i], this.keysAndValues[2 * i + 1]);
		}
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public boolean isEmpty() {
		return this.size == 0;
	}

	@Override
	public Map<AttributeKey<?>, Object> asMap() {
		Map<AttributeKey<?>, Object> map = new LinkedHashMap<>();
		forEach(map::put);
		return map;
	}

	@Override
	public AttributesBuilder toBuilder() {
		return Attributes.builder().putAll(this);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof Attributes attributes && asMap().equals(attributes.asMap()));
	}

	@Override
	public int hashCode() {
		return asMap().hashCode();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("{");
		for (int i = 0; i < this.size; i++) {
			text.append((i > 0) ? ", " : "")
				.append(((AttributeKey<?>) this.keysAndValues[2 * i]).getKey())
				.append('=')
				.append(this.keysAndValues[2 * i + 1]);
		}
		return text.append('}').toString();
	}

	/**
	 * Collects keys and values; not thread-safe.
	 */
	static final class Builder {

		private final Object[] keysAndValues;

		private int size;

		private Builder(int capacity) {
			this.keysAndValues = new Object[2 * capacity];
		}

		/**
		 * Put a value, replacing the key and value of the same name (whatever its type).
		 * @param key the key
		 * @param value the value
		 * @param <T> the value's type
		 * @return this builder
		 */
		<T> Builder put(AttributeKey<T> key, T value) {
			String name = key.getKey();
			for (int i = 0; i < this.size; i++) {
				if (((AttributeKey<?>) this.keysAndValues[2 * i]).getKey().equals(name)) {
					this.keysAndValues[2 * i] = key;
					this.keysAndValues[2 * i + 1] = value;
					return this;
				}
			}
			this.keysAndValues[2 * this.size] = key;
			this.keysAndValues[2 * this.size + 1] = value;
			this.size++;
			return this;
		}

		/**
		 * The attributes, sorted by key name in place (an insertion sort: the sets are
		 * small).
		 * @return the attributes
		 */
		CompactAttributes build() {
			Object[] pairs = this.keysAndValues;
			for (int i = 1; i < this.size; i++) {
				Object key = pairs[2 * i];
				Object value = pairs[2 * i + 1];
				String name = ((AttributeKey<?>) key).getKey();
				int j = i - 1;
				while (j >= 0 && ((AttributeKey<?>) pairs[2 * j]).getKey().compareTo(name) > 0) {
					pairs[2 * j + 2] = pairs[2 * j];
					pairs[2 * j + 3] = pairs[2 * j + 1];
					j--;
				}
				pairs[2 * j + 2] = key;
				pairs[2 * j + 3] = value;
			}
			return new CompactAttributes(pairs, this.size);
		}

	}

}
