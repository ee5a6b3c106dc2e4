package io.selfobs.sample.pki.security;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.selfobs.sample.pki.ca.CaProperties;
import io.selfobs.sample.pki.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * REST APIs need an operator (HTTP Basic, credentials from
 * {@code spring.security.user.*}), except CRLs: they are signed public documents that
 * relying parties fetch anonymously from a distribution point. A separate EST instance
 * calls the few CA endpoints it needs with the {@link ServiceToken} instead of a
 * password. EST authenticates per DMS inside the EST service; probes and metrics are left
 * to the selfobs starter.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String REALM = "selfobs-pki";

	private static final String OPERATOR = "OPERATOR";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint, JsonMapper json,
			SecurityEvents events, CaProperties ca, LoginThrottle loginThrottle) {
		Optional<ServiceToken> serviceToken = ServiceToken.optional(ca.getServiceToken());
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/ca/v1/cas/*/crl")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/ca/v1/cas/*", "/api/ca/v1/certificates/*")
				.hasAnyRole(OPERATOR, ServiceTokenAuthentication.ROLE)
				.requestMatchers(HttpMethod.POST, "/api/ca/v1/cas/*/certificates/sign")
				.hasAnyRole(OPERATOR, ServiceTokenAuthentication.ROLE)
				.anyRequest()
				.hasRole(OPERATOR))
			.addFilterBefore(ServiceTokenAuthentication.filter(serviceToken, serviceTokenRefused(json, events)),
					BasicAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(loginThrottle, events, throttled(json)),
					BasicAuthenticationFilter.class)
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
		return (request, response, ex) -> writeProblem(json, request, response,
				"Operator credentials are required (HTTP Basic)", "Basic realm=\"" + REALM + "\"");
	}

	@Bean
	LoginThrottle loginThrottle(PkiSecurityProperties properties) {
		return new LoginThrottle(properties.getLoginThrottle(), Clock.systemUTC());
	}

	private static LoginThrottleFilter.ProblemWriter throttled(JsonMapper json) {
		return (request, response, retryAfterSeconds) -> {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
			writeProblem(json, request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
					"Too many failed logins from this address; retry in " + retryAfterSeconds + " s");
		};
	}

	private static AuthenticationFailureHandler serviceTokenRefused(JsonMapper json, SecurityEvents events) {
		return (request, response, ex) -> {
			events.record("authentication", "start", "api-service-token", "failure",
					Map.of("user.name", ServiceTokenAuthentication.PRINCIPAL), "Service token refused");
			writeProblem(json, request, response, "The service token is not valid",
					"Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
		};
	}

	private static void writeProblem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
			String detail, String challenge) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		writeProblem(json, request, response, HttpStatus.UNAUTHORIZED, "unauthorized", detail);
	}

	private static void writeProblem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
			HttpStatus status, String type, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(Problems.TYPE_PREFIX + type));
		problem.setTitle(status.getReasonPhrase());
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(problem));
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
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("user.name", event.getAuthentication().getName());
			fields.put("error.type", event.getException().getClass().getSimpleName());
			if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
					&& details.getRemoteAddress() != null) {
				fields.put("client.ip", details.getRemoteAddress());
			}
			this.events.record("authentication", "start", "api-basic-login", "failure", fields,
					"API authentication failed");
		}

	}

}
