package io.selfobs.autoconfigure.logging.internal.ecs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Field names already taken on every line of a kind (the encoder's own fields, and on
 * error lines the {@code error.*} fields): the names themselves and the object paths they
 * open ({@code service} for {@code service.name}). Computed once and shared; a line only
 * consults it. Internal, not API.
 */
public final class EcsFieldNames {

	/**
	 * Bound of the prefix cache: keys come from a small vocabulary (encoder fields,
	 * key/value and MDC keys that code chooses), so this many are plenty; beyond it
	 * prefixes are computed per call.
	 */
	private static final int MAX_CACHED_KEYS = 1024;

	private static final String[] NO_PREFIXES = new String[0];

	private static final ConcurrentMap<String, String[]> prefixes = new ConcurrentHashMap<>();

	// After the prefix cache, which computing these fills
	private static final List<String> ENCODER_KEYS = List.of("@timestamp", "log.level", "message", "ecs.version",
			"tags", "labels", "service.name", "service.version", "service.environment", "service.node.name",
			"event.dataset", "process.thread.name", "log.logger", "log.origin.file.name", "log.origin.file.line",
			"log.origin.function");

	private static final List<String> ERROR_KEYS = List.of("error.type", "error.message", "error.stack_trace");

	/**
	 * The fields the ECS encoder writes on every line.
	 */
	public static final EcsFieldNames ENCODER = of(ENCODER_KEYS);

	/**
	 * The fields the ECS encoder writes on a line with an exception.
	 */
	public static final EcsFieldNames ENCODER_WITH_ERROR = of(
			java.util.stream.Stream.concat(ENCODER_KEYS.stream(), ERROR_KEYS.stream()).toList());

	private static final Set<String> TRACE_KEYS = Set.of("trace.id", "traceId", "span.id", "spanId");

	private final Set<String> names;

	private final Set<String> objectPaths;

	/**
	 * The answer of {@link #clashWith} for each key met so far (bounded like the prefix
	 * cache): one lookup per field of a line instead of one per name and prefix.
	 */
	private final ConcurrentMap<String, Boolean> clashes = new ConcurrentHashMap<>();

	private EcsFieldNames(Set<String> names, Set<String> objectPaths) {
		this.names = names;
		this.objectPaths = objectPaths;
	}

	/**
	 * Whether an MDC key holds a trace or span id, in either naming.
	 * @param key the MDC key
	 * @return whether it is a trace key
	 */
	public static boolean isTraceKey(String key) {
		return TRACE_KEYS.contains(key);
	}

	/**
	 * The trace id in an MDC, in either naming.
	 * @param mdc the MDC
	 * @return the trace id, or {@code null}
	 */
	public static @Nullable String traceId(Map<String, String> mdc) {
		return firstPresent(mdc, "trace.id", "traceId");
	}

	/**
	 * The span id in an MDC, in either naming.
	 * @param mdc the MDC
	 * @return the span id, or {@code null}
	 */
	public static @Nullable String spanId(Map<String, String> mdc) {
		return firstPresent(mdc, "span.id", "spanId");
	}

	private static @Nullable String firstPresent(Map<String, String> mdc, String key, String alternative) {
		String value = mdc.get(key);
		return (value != null) ? value : mdc.get(alternative);
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
		Boolean known = this.clashes.get(key);
		if (known != null) {
			return known;
		}
		boolean clash = clashes(key);
		if (this.clashes.size() < MAX_CACHED_KEYS) {
			this.clashes.putIfAbsent(key, clash);
		}
		return clash;
	}

	private boolean clashes(String key) {
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
	 * The object paths a dotted key opens, shortest first ({@code a.b.c}: {@code a},
	 * {@code a.b}); the returned array is shared and must not be changed.
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
