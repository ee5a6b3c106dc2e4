package io.selfobs.bench.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application under test of the overhead benchmark: one JSON endpoint doing a little
 * work and one reading from an embedded H2 database. It has no observability of its own;
 * each variant adds it from the outside.
 */
@SpringBootApplication
public class BenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

}
