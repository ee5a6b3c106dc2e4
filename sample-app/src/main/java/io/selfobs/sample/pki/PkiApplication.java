package io.selfobs.sample.pki;

import io.selfobs.sample.pki.config.PkiProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Sample PKI service: a CA API and an RFC 7030 EST enrollment server, observed with selfobs.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(PkiProperties.class)
public class PkiApplication {

	public static void main(String[] args) {
		SpringApplication.run(PkiApplication.class, args);
	}

}
