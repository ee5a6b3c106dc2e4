package io.selfobs.sample.pki.web;

import io.selfobs.sample.pki.config.PkiProperties;
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
	 * Inside the starter's observation and request-event filters (so a refused request is measured and logged),
	 * ahead of Spring Security (so an oversize body costs no password check).
	 */
	static final int REQUEST_BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(PkiProperties properties, JsonMapper json) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.getSecurity().getMaxRequestBody().toBytes(), json));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(REQUEST_BODY_LIMIT_ORDER);
		return registration;
	}

}
