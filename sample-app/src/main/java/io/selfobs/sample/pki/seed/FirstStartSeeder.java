package io.selfobs.sample.pki.seed;

import java.util.List;

import io.selfobs.sample.pki.ca.CaService;
import io.selfobs.sample.pki.ca.NewCa;
import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import io.selfobs.sample.pki.dms.Dms;
import io.selfobs.sample.pki.dms.DmsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Creates what the quick start needs, once: a root CA issuing device certificates, a
 * bootstrap CA for factory credentials, the {@code demo} DMS (no client authentication:
 * demo only) and the {@code factory} DMS (client certificate from the bootstrap CA
 * required).
 */
@Component
class FirstStartSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStartSeeder.class);

	static final String ROOT_CA = "root-ca";

	static final String BOOTSTRAP_CA = "bootstrap-ca";

	private final ObjectProvider<CaService> cas;

	private final ObjectProvider<DmsService> dms;

	FirstStartSeeder(ObjectProvider<CaService> cas, ObjectProvider<DmsService> dms) {
		this.cas = cas;
		this.dms = dms;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.cas.ifAvailable(this::seedCas);
		this.dms.ifAvailable(this::seedDms);
	}

	private void seedCas(CaService service) {
		createOnce(() -> service.create(new NewCa(ROOT_CA, "Demo root CA", "CN=selfobs demo root CA,O=selfobs sample",
				KeyAlgorithm.ECDSA_P256, 3650, null)), "CA " + ROOT_CA);
		createOnce(
				() -> service.create(new NewCa(BOOTSTRAP_CA, "Demo bootstrap CA",
						"CN=selfobs demo bootstrap CA,O=selfobs sample", KeyAlgorithm.ECDSA_P256, 3650, null)),
				"CA " + BOOTSTRAP_CA);
	}

	private void seedDms(DmsService service) {
		if (service.find("demo").isEmpty()) {
			createOnce(
					() -> service.create(new DmsService.DmsRequest("demo", "Demo (no client authentication)", ROOT_CA,
							Dms.AuthMode.NO_AUTH, List.of(), Dms.RegistrationMode.JIT, 365, 365, List.of())),
					"DMS demo");
		}
		if (service.find("factory").isEmpty()) {
			createOnce(() -> service.create(new DmsService.DmsRequest("factory",
					"Factory (bootstrap client certificate required)", ROOT_CA, Dms.AuthMode.CLIENT_CERTIFICATE,
					List.of(BOOTSTRAP_CA), Dms.RegistrationMode.JIT, 365, 365, List.of())), "DMS factory");
		}
	}

	private void createOnce(Runnable create, String what) {
		try {
			create.run();
			log.atInfo().addKeyValue("pki.seeded", what).log("Seeded {} on first start", what);
		}
		catch (DuplicateKeyException ex) {
			// another instance seeded it concurrently
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() != 409) {
				throw ex;
			}
		}
	}

}
