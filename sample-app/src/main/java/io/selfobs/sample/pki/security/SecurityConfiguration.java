package io.selfobs.sample.pki.security;

import java.net.URI;
import java.util.Map;

import io.selfobs.sample.pki.web.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * REST APIs need an operator (HTTP Basic, credentials from {@code spring.security.user.*}), except CRLs: they
 * are signed public documents that relying parties fetch anonymously from a distribution point. EST
 * authenticates per DMS inside the EST service; probes and metrics are left to the selfobs starter.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String REALM = "selfobs-pki";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint) {
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/ca/v1/cas/*/crl")
				.permitAll()
				.anyRequest()
				.hasRole("OPERATOR"))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(problemEntryPoint))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain otherSecurity(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	AuthenticationEntryPoint problemEntryPoint(JsonMapper json) {
		return (request, response, ex) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"Operator credentials are required (HTTP Basic)");
			problem.setType(URI.create(Problems.TYPE_PREFIX + "unauthorized"));
			problem.setTitle(HttpStatus.UNAUTHORIZED.getReasonPhrase());
			problem.setInstance(URI.create(request.getRequestURI()));
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(json.writeValueAsString(problem));
		};
	}

	@Bean
	AuthenticationFailureEvents authenticationFailureEvents(SecurityEvents events) {
		return new AuthenticationFailureEvents(events);
	}

	/**
	 * Turns Spring Security's authentication failure events into security events.
	 */
	static final class AuthenticationFailureEvents {

		private final SecurityEvents events;

		AuthenticationFailureEvents(SecurityEvents events) {
			this.events = events;
		}

		@EventListener
		void failed(AbstractAuthenticationFailureEvent event) {
			this.events.record("authentication", "start", "api-basic-login", "failure",
					Map.of("user.name", event.getAuthentication().getName(), "error.type",
							event.getException().getClass().getSimpleName()),
					"API authentication failed");
		}

	}

}
