package io.selfobs.sample.pki.est.authority;

import io.selfobs.sample.pki.ca.CaProperties;
import io.selfobs.sample.pki.ca.CaService;
import io.selfobs.sample.pki.ca.certificate.CertificateIssuer;
import io.selfobs.sample.pki.ca.certificate.CertificateService;
import io.selfobs.sample.pki.config.ConditionalOnMissingRole;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.security.ServiceToken;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The CA the EST server enrolls with: this instance's own when it also plays the CA role,
 * otherwise the CA API of the instance at {@code pki.ca.base-url}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(PkiProperties.Role.EST)
class CertificateAuthorityConfiguration {

	static final String BASE_URL_PROPERTY = "pki.ca.base-url";

	@Bean
	@ConditionalOnRole(PkiProperties.Role.CA)
	CertificateAuthority inProcessCertificateAuthority(CaService cas, CertificateService certificates,
			CertificateIssuer issuer) {
		return new InProcessCertificateAuthority(cas, certificates, issuer);
	}

	@Bean
	@ConditionalOnMissingRole(PkiProperties.Role.CA)
	CertificateAuthority caClient(RestClient.Builder builder, CaProperties ca) {
		if (ca.getBaseUrl() == null) {
			throw new InvalidPkiPropertyException(BASE_URL_PROPERTY,
					"is not set: an EST instance without the CA role enrolls through a CA instance's API",
					"Set " + BASE_URL_PROPERTY + " to the HTTP(S) base URL of the CA instance, for example "
							+ "'https://ca.internal:8080', or add 'ca' to pki.roles.");
		}
		return new CaClient(builder, ca.getBaseUrl(),
				ServiceToken.required(ca.getServiceToken(), "an EST instance without the CA role authenticates "
						+ "to the CA API at " + ca.getBaseUrl() + " with it"));
	}

}
