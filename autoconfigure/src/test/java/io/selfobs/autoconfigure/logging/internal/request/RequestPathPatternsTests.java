package io.selfobs.autoconfigure.logging.internal.request;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.AntPathMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request event filter's path patterns decide exactly as Spring's
 * {@link AntPathMatcher}, which they replace on the common patterns.
 */
class RequestPathPatternsTests {

	private static final List<String> PATTERNS = List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**",
			"/metrics", "/", "/**", "/a//b", "/api/*/orders", "/x/**/y", "/files/*.txt", "/actuator/health",
			"/actuator/", "/{id}", "/docs/**/", "/v?/items", "/static/**/*.css");

	private static final List<String> PATHS = List.of("", "/", "//", "/livez", "/livez/", "//livez", "/livez/x",
			"/livezz", "/actuator", "/actuator/", "/actuator/health", "/actuator/health/", "/actuator//health",
			"/actuatorx", "/actuator/a/b/c", "/metrics", "/metrics.json", "/metrics/", "/a/b", "/a//b",
			"/api/v1/orders", "/api/v1/v2/orders", "/x/y", "/x/a/b/y", "/files/a.txt", "/files/a.csv", "/42", "/docs",
			"/docs/a/", "/v1/items", "/static/css/site.css", "/static/site.css", "actuator", "/work", "/db/17");

	private final AntPathMatcher matcher = new AntPathMatcher();

	@Test
	void everyPatternMatchesExactlyWhatAntPathMatcherMatches() {
		for (String pattern : PATTERNS) {
			RequestPathPatterns patterns = new RequestPathPatterns(List.of(pattern));
			for (String path : PATHS) {
				assertThat(patterns.matches(path)).as("%s matches %s", pattern, path)
					.isEqualTo(this.matcher.match(pattern, path));
			}
		}
	}

	@Test
	void theDefaultExclusionsSkipProbesActuatorAndMetricsButNotTheApplication() {
		RequestPathPatterns defaults = new RequestPathPatterns(
				List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**", "/metrics"));
		assertThat(List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator", "/actuator/health/liveness",
				"/metrics"))
			.allMatch(defaults::matches);
		assertThat(List.of("/", "/work", "/db/17", "/metrics/x", "/healthz/x", "/actuators", "/api/livez"))
			.noneMatch(defaults::matches);
	}

	@Test
	void noPatternsMatchNothing() {
		assertThat(new RequestPathPatterns(List.of()).matches("/work")).isFalse();
	}

}
