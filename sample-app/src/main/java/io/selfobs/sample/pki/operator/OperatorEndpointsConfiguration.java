package io.selfobs.sample.pki.operator;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The System Health page and the support bundle reveal the service's internals: they need
 * the operator credentials (HTTP Basic), on top of being served only on the management
 * port (see {@code management.server.*}).
 */
@Configuration(proxyBeanMethods = false)
class OperatorEndpointsConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain operatorEndpointsSecurity(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint) {
		return http.securityMatcher(EndpointRequest.to("systemhealth", "supportbundle"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPERATOR"))
			.httpBasic((basic) -> basic.realmName("selfobs-pki").authenticationEntryPoint(problemEntryPoint))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
