package io.selfobs.sample.pki;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample PKI service: a CA API and an RFC 7030 EST enrollment server, observed with selfobs.
 */
@SpringBootApplication
public class PkiApplication {

	public static void main(String[] args) {
		SpringApplication.run(PkiApplication.class, args);
	}

}
