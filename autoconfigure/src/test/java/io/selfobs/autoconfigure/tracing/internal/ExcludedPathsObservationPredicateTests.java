package io.selfobs.autoconfigure.tracing.internal;

import java.util.List;

import io.micrometer.observation.Observation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ExcludedPathsObservationPredicateTests {

	private final ExcludedPathsObservationPredicate predicate = new ExcludedPathsObservationPredicate(
			List.of("/livez", "/actuator/**", "/internal/*/status", "/static/*.css"), List.of("/metrics"));

	@ParameterizedTest
	@ValueSource(strings = { "/livez", "/metrics", "/actuator", "/actuator/", "/actuator/health",
			"/actuator/health/liveness", "/internal/a/status", "/static/site.css", "/live%7A", "/livez;v=1",
			"/actuator;v=1/health", "/internal/%61/status" })
	void excludedPathsAreNotObserved(String path) {
		assertThat(observed(path)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/livez2", "/livez/x", "/liveZ", "/actuatorx", "/api/actuator",
			"/internal/a/b/status", "/static/site.js", "/static/css/site.css", "/metrics/x", "/live%7Az" })
	void otherPathsAreObserved(String path) {
		assertThat(observed(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/livez", "/actuator/health" })
	void theContextPathIsNotPartOfTheMatch(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app" + path);
		request.setContextPath("/app");
		assertThat(this.predicate.test("http.server.requests", context(request))).isFalse();
	}

	private boolean observed(String path) {
		return this.predicate.test("http.server.requests", context(new MockHttpServletRequest("GET", path)));
	}

	private static Observation.Context context(MockHttpServletRequest request) {
		return new ServerRequestObservationContext(request, new MockHttpServletResponse());
	}

}
