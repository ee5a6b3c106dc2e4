package io.selfobs.sample.pki;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Sample PKI service: a CA API and an RFC 7030 EST enrollment server, observed with
 * selfobs.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class PkiApplication {

	public static void main(String[] args) {
		SpringApplication.run(PkiApplication.class, args);
	}

}
