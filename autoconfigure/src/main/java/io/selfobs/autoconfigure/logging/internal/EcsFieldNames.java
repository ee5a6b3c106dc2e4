package io.selfobs.autoconfigure.logging.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Field names already taken on every line of a kind (the encoder's own fields, and on error lines the
 * {@code error.*} fields): the names themselves and the object paths they open ({@code service} for
 * {@code service.name}). Computed once and shared; a line only consults it.
 */
final class EcsFieldNames {

	/**
	 * Bound of the prefix cache: keys come from a small vocabulary (encoder fields, key/value and MDC keys that
	 * code chooses), so this many are plenty; beyond it prefixes are computed per call.
	 */
	private static final int MAX_CACHED_KEYS = 1024;

	private static final String[] NO_PREFIXES = new String[0];

	private static final ConcurrentMap<String, String[]> prefixes = new ConcurrentHashMap<>();

	private final Set<String> names;

	private final Set<String> objectPaths;

	private EcsFieldNames(Set<String> names, Set<String> objectPaths) {
		this.names = names;
		this.objectPaths = objectPaths;
	}

	static EcsFieldNames of(Collection<String> names) {
		Set<String> objectPaths = new HashSet<>();
		names.forEach((name) -> objectPaths.addAll(List.of(dottedPrefixes(name))));
		return new EcsFieldNames(Set.copyOf(names), Set.copyOf(objectPaths));
	}

	/**
	 * Whether the key is one of these names, an object path of one, or lies under one.
	 */
	boolean clashWith(String key) {
		if (this.names.contains(key) || this.objectPaths.contains(key)) {
			return true;
		}
		for (String prefix : dottedPrefixes(key)) {
			if (this.names.contains(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The object paths a dotted key opens, shortest first ({@code a.b.c}: {@code a}, {@code a.b}); the returned
	 * array is shared and must not be changed.
	 */
	static String[] dottedPrefixes(String key) {
		String[] cached = prefixes.get(key);
		if (cached != null) {
			return cached;
		}
		String[] computed = computePrefixes(key);
		if (prefixes.size() < MAX_CACHED_KEYS) {
			prefixes.putIfAbsent(key, computed);
		}
		return computed;
	}

	private static String[] computePrefixes(String key) {
		if (key.indexOf('.') <= 0) {
			return NO_PREFIXES;
		}
		List<String> found = new ArrayList<>();
		for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
			found.add(key.substring(0, dot));
		}
		return found.toArray(NO_PREFIXES);
	}

}
