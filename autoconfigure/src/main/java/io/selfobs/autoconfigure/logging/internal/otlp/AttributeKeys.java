package io.selfobs.autoconfigure.logging.internal.otlp;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Attribute keys by name, created once: the names come from code (request event fields,
 * key/value pairs, MDC keys), a small vocabulary. Internal, not API.
 */
final class AttributeKeys {

	/**
	 * Bound of each cache, so that keys built from data cannot grow it without limit.
	 */
	private static final int MAX_CACHED_KEYS = 1024;

	private static final ConcurrentMap<String, AttributeKey<String>> strings = new ConcurrentHashMap<>();

	private static final ConcurrentMap<String, AttributeKey<Long>> longs = new ConcurrentHashMap<>();

	private static final ConcurrentMap<String, AttributeKey<List<String>>> stringArrays = new ConcurrentHashMap<>();

	private AttributeKeys() {
	}

	static AttributeKey<String> string(String key) {
		return cached(strings, key, AttributeKey::stringKey);
	}

	static AttributeKey<Long> longKey(String key) {
		return cached(longs, key, AttributeKey::longKey);
	}

	static AttributeKey<List<String>> strings(String key) {
		return cached(stringArrays, key, AttributeKey::stringArrayKey);
	}

	private static <T> AttributeKey<T> cached(ConcurrentMap<String, AttributeKey<T>> cache, String key,
			Function<String, AttributeKey<T>> factory) {
		AttributeKey<T> cached = cache.get(key);
		if (cached != null) {
			return cached;
		}
		AttributeKey<T> created = factory.apply(key);
		if (cache.size() < MAX_CACHED_KEYS) {
			cache.putIfAbsent(key, created);
		}
		return created;
	}

}
