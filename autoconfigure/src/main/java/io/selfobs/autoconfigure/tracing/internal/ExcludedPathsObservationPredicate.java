package io.selfobs.autoconfigure.tracing.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Keeps probe and scrape traffic out of traces: a request to an excluded path is not
 * observed, and neither is anything it does on its thread (a health check's database
 * query, for example), so it leaves no root span behind either. Internal, not API.
 */
public final class ExcludedPathsObservationPredicate implements ObservationPredicate {

	/**
	 * Request attribute caching the decision, as every observation of a request asks
	 * again.
	 */
	static final String EXCLUDED_ATTRIBUTE = ExcludedPathsObservationPredicate.class.getName() + ".excluded";

	private static final String ANY_BELOW = "/**";

	private final List<PathPattern> patterns = new ArrayList<>();

	/** Patterns without wildcards, compared as strings: most excluded paths are such. */
	private final Set<String> literals = new HashSet<>();

	/**
	 * {@code /prefix} of each {@code /prefix/**} pattern whose prefix has no wildcard.
	 */
	private final List<String> prefixes = new ArrayList<>();

	/** The patterns that need {@link PathPattern} matching even for a plain path. */
	private final List<PathPattern> others = new ArrayList<>();

	/**
	 * Create a predicate.
	 * @param paths the configured patterns, indexed as in
	 * {@code otel.traces.excluded-paths}
	 * @param alwaysExcluded further paths, such as the Prometheus scrape path
	 */
	public ExcludedPathsObservationPredicate(List<String> paths, List<String> alwaysExcluded) {
		PathPatternParser parser = new PathPatternParser();
		for (int i = 0; i < paths.size(); i++) {
			add(parse(parser, paths.get(i), "otel.traces.excluded-paths[" + i + "]"));
		}
		alwaysExcluded.forEach((path) -> add(parser.parse(path)));
	}

	private void add(PathPattern pattern) {
		this.patterns.add(pattern);
		String text = pattern.getPatternString();
		if (isLiteral(text)) {
			this.literals.add(text);
		}
		else if (text.endsWith(ANY_BELOW) && isLiteral(text.substring(0, text.length() - ANY_BELOW.length()))) {
			this.prefixes.add(text.substring(0, text.length() - ANY_BELOW.length()));
		}
		else {
			this.others.add(pattern);
		}
	}

	private static boolean isLiteral(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '*' || c == '?' || c == '{' || c == '%' || c == ';') {
				return false;
			}
		}
		return true;
	}

	private static PathPattern parse(PathPatternParser parser, String path, String property) {
		try {
			return parser.parse(path);
		}
		catch (PatternParseException ex) {
			throw new InvalidOtelPropertyException(property, path, "not a valid path pattern (" + ex.getMessage() + ")",
					"use a path such as /internal/status or a pattern such as /internal/**");
		}
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		HttpServletRequest request = (context instanceof ServerRequestObservationContext server) ? server.getCarrier()
				: currentRequest();
		return request == null || !isExcluded(request);
	}

	private boolean isExcluded(HttpServletRequest request) {
		if (request.getAttribute(EXCLUDED_ATTRIBUTE) instanceof Boolean excluded) {
			return excluded;
		}
		boolean excluded = matches(request);
		request.setAttribute(EXCLUDED_ATTRIBUTE, excluded);
		return excluded;
	}

	private boolean matches(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		String path = (contextPath != null && uri.startsWith(contextPath)) ? uri.substring(contextPath.length()) : uri;
		if (path.indexOf('%') != -1 || path.indexOf(';') != -1) {
			// Encoded characters and path parameters: only PathPattern knows how they
			// compare
			return matches(PathContainer.parsePath(path), this.patterns);
		}
		if (this.literals.contains(path)) {
			return true;
		}
		for (String prefix : this.prefixes) {
			if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
				return true;
			}
		}
		return !this.others.isEmpty() && matches(PathContainer.parsePath(path), this.others);
	}

	private static boolean matches(PathContainer path, List<PathPattern> patterns) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable HttpServletRequest currentRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
