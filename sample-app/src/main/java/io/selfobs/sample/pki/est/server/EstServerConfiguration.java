package io.selfobs.sample.pki.est.server;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.config.PropertyChecks;
import io.selfobs.sample.pki.est.EstProperties;
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
 * Adds the EST HTTPS connector, with the configured SSL bundle or self-generated TLS
 * material. The {@code pki.est.*} settings are checked here, at startup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(PkiProperties.Role.EST)
class EstServerConfiguration {

	private static final String PREFIX = "pki.est.";

	@Bean
	EstServer estServer(EstProperties est, PkiProperties pki, ObjectProvider<SslBundles> sslBundles)
			throws KeyStoreException {
		PropertyChecks.between(PREFIX + "port", est.getPort(), 0, 65535);
		PropertyChecks.notBlank(PREFIX + "default-dms", est.getDefaultDms(),
				"the id of the DMS the unlabelled /.well-known/est paths enroll with, for example 'demo'");
		if (est.getSslBundle() != null) {
			SslBundle bundle = sslBundles.getObject().getBundle(est.getSslBundle());
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore == null) {
				throw new InvalidPkiPropertyException(PREFIX + "ssl-bundle",
						"names SSL bundle '" + est.getSslBundle() + "', which has no key store",
						"Name a bundle with the EST server's key and certificate (spring.ssl.bundle.*.*.keystore), "
								+ "or unset it to use the generated local TLS material.");
			}
			String alias = (bundle.getKey().getAlias() != null) ? bundle.getKey().getAlias()
					: Collections.list(keyStore.aliases()).get(0);
			String password = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			// as Boot's own connectors do: a bundle without passwords (PEM, for one) has
			// an
			// empty one, where Tomcat would fall back to its default 'changeit'
			return new EstServer(est.getPort(), keyStore, alias,
					(password != null) ? password.toCharArray() : new char[0]);
		}
		if (est.getServerNames() == null || est.getServerNames().isEmpty()
				|| est.getServerNames().stream().anyMatch((name) -> name == null || name.isBlank())) {
			throw new InvalidPkiPropertyException(PREFIX + "server-names", "must list at least one name, none blank",
					"Set " + PREFIX + "server-names to the host names and IP addresses clients reach EST by, "
							+ "for example 'localhost,127.0.0.1,::1'.");
		}
		KeyStore keyStore = EstTlsMaterial.loadOrCreate(pki.getDataDir(), est.getServerNames());
		return new EstServer(est.getPort(), keyStore, EstTlsMaterial.ALIAS, EstTlsMaterial.PASSWORD);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> estConnectorCustomizer(EstServer estServer) {
		return (factory) -> factory.addAdditionalConnectors(estServer.connector());
	}

	/**
	 * Inside the starter's observation and request-event filters, so a refused request is
	 * measured and logged like any other; ahead of Spring Security, so nothing else runs
	 * for it.
	 */
	@Bean
	FilterRegistrationBean<EstPortFilter> estPortFilter(EstServer estServer, SecurityEvents events) {
		FilterRegistrationBean<EstPortFilter> registration = new FilterRegistrationBean<>(
				new EstPortFilter(estServer, events));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
