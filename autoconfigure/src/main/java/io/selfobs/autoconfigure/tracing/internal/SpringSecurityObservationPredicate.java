package io.selfobs.autoconfigure.tracing.internal;

import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * Turns off Spring Security's own observations of every request: the filter chain
 * ({@code security filterchain
 * before} / {@code after}), {@code secured request} and {@code authorize request}. With
 * them a secured request is five spans (and as many timers) instead of one, none of which
 * an operator reads. Authentication observations
 * ({@code spring.security.authentications}: a password check, a token validation) stay. A
 * disabled observation is a no-op, so what it would have enclosed keeps the server span
 * as its parent. Internal, not API.
 */
public final class SpringSecurityObservationPredicate implements ObservationPredicate {

	static final Set<String> PER_REQUEST_OBSERVATIONS = Set.of("spring.security.filterchains",
			"spring.security.http.secured.requests", "spring.security.http.unsecured.requests",
			"spring.security.authorizations");

	@Override
	public boolean test(String name, Observation.Context context) {
		return !PER_REQUEST_OBSERVATIONS.contains(name);
	}

}
