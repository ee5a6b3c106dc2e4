package io.selfobs.sample.pki.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Authenticates an EST instance calling the CA API with the {@link ServiceToken} as
 * {@code Authorization: Bearer}: the principal {@value #PRINCIPAL} gets role
 * {@value #ROLE} and nothing else. Requests without a bearer token pass through to HTTP
 * Basic; a wrong bearer token, or any when no token is configured, is refused.
 */
final class ServiceTokenAuthentication {

	static final String ROLE = "PKI_SERVICE";

	static final String PRINCIPAL = "pki-service";

	private static final String BEARER = "Bearer ";

	private ServiceTokenAuthentication() {
	}

	static AuthenticationFilter filter(Optional<ServiceToken> token, AuthenticationFailureHandler failureHandler) {
		AuthenticationFilter filter = new AuthenticationFilter(manager(token), ServiceTokenAuthentication::bearer);
		// Continue the chain, as HTTP Basic does (the default handler would redirect)
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler(failureHandler);
		return filter;
	}

	private static @Nullable Authentication bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return UsernamePasswordAuthenticationToken.unauthenticated(PRINCIPAL, header.substring(BEARER.length()).trim());
	}

	private static AuthenticationManager manager(Optional<ServiceToken> token) {
		return (authentication) -> {
			if (!(authentication.getCredentials() instanceof String presented)
					|| token.filter((expected) -> expected.matches(presented)).isEmpty()) {
				throw new BadCredentialsException("Invalid service token");
			}
			return UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
					AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
		};
	}

}
