package io.selfobs.sample.pki.est;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.security.SecurityEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Adds the EST HTTPS connector, with the configured SSL bundle or self-generated TLS material.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(PkiProperties.Role.EST)
class EstServerConfiguration {

	@Bean
	EstServer estServer(PkiProperties properties, ObjectProvider<SslBundles> sslBundles) throws KeyStoreException {
		PkiProperties.Est est = properties.getEst();
		if (est.getSslBundle() != null) {
			SslBundle bundle = sslBundles.getObject().getBundle(est.getSslBundle());
			KeyStore keyStore = bundle.getStores().getKeyStore();
			String alias = (bundle.getKey().getAlias() != null) ? bundle.getKey().getAlias()
					: Collections.list(keyStore.aliases()).get(0);
			String password = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			return new EstServer(est.getPort(), keyStore, alias, (password != null) ? password.toCharArray() : null);
		}
		KeyStore keyStore = EstTlsMaterial.loadOrCreate(properties.getDataDir(), est.getServerNames());
		return new EstServer(est.getPort(), keyStore, EstTlsMaterial.ALIAS, EstTlsMaterial.PASSWORD);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> estConnectorCustomizer(EstServer estServer) {
		return (factory) -> factory.addAdditionalConnectors(estServer.connector());
	}

	/**
	 * Inside the starter's observation and request-event filters, so a refused request is measured and logged
	 * like any other; ahead of Spring Security, so nothing else runs for it.
	 */
	@Bean
	FilterRegistrationBean<EstPortFilter> estPortFilter(EstServer estServer, SecurityEvents events) {
		FilterRegistrationBean<EstPortFilter> registration = new FilterRegistrationBean<>(
				new EstPortFilter(estServer, events));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
