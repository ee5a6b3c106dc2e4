package io.selfobs.sample.pki.web;

import io.selfobs.sample.pki.config.PropertyChecks;
import io.selfobs.sample.pki.security.PkiSecurityProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Request limits of the REST APIs.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Inside the starter's observation and request-event filters (so a refused request is
	 * measured and logged), ahead of Spring Security (so an oversize body costs no
	 * password check).
	 */
	static final int REQUEST_BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(PkiSecurityProperties properties,
			JsonMapper json) {
		long maxBytes = PropertyChecks.positive("pki.security.max-request-body", properties.getMaxRequestBody(), "64KB")
			.toBytes();
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(maxBytes, json));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(REQUEST_BODY_LIMIT_ORDER);
		return registration;
	}

}
