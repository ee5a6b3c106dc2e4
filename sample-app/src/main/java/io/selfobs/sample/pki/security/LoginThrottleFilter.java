package io.selfobs.sample.pki.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before HTTP Basic: a request with Basic credentials from a throttled client
 * address is answered 429 without its password being checked; any other has its outcome
 * (authenticated or not) reported to the {@link LoginThrottle}.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	static final String ACTION = "api-login-throttled";

	private static final String BASIC = "Basic ";

	private final LoginThrottle throttle;

	private final SecurityEvents events;

	private final ProblemWriter refused;

	LoginThrottleFilter(LoginThrottle throttle, SecurityEvents events, ProblemWriter refused) {
		this.throttle = throttle;
		this.events = events;
		this.refused = refused;
	}

	@FunctionalInterface
	interface ProblemWriter {

		void write(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds) throws IOException;

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			chain.doFilter(request, response);
			return;
		}
		try (LoginThrottle.Attempt attempt = this.throttle.acquire(request.getRemoteAddr())) {
			if (!attempt.allowed()) {
				if (attempt.firstRefusal()) {
					// one line when an address starts being refused; the refusals after
					// it are counted only
					this.events.record("authentication", "start", ACTION, "failure",
							Map.of("client.ip", request.getRemoteAddr(), "pki.throttle_key", attempt.clientKey()),
							"Password attempts from a client address are refused until its failure window ends");
				}
				else {
					this.events.countRefusal("authentication", ACTION);
				}
				this.refused.write(request, response, attempt.retryAfterSeconds());
				return;
			}
			chain.doFilter(request, response);
			if (authenticated(SecurityContextHolder.getContext().getAuthentication())) {
				attempt.succeeded();
			}
			else {
				attempt.failed();
			}
		}
	}

	private static boolean authenticated(@Nullable Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
