package io.selfobs.bench.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BenchController {

	private final JdbcClient jdbc;

	BenchController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A little CPU work: hash the name a few times and answer with a small JSON document.
	 */
	@GetMapping("/work")
	Greeting work(@RequestParam(defaultValue = "world") String name) throws NoSuchAlgorithmException {
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		byte[] digest = name.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 16; i++) {
			digest = sha256.digest(digest);
		}
		return new Greeting("Hello, " + name, HexFormat.of().formatHex(digest), List.of("a", "b", "c"));
	}

	/**
	 * One indexed read from the embedded database.
	 */
	@GetMapping("/db/{id}")
	ResponseEntity<Item> item(@PathVariable long id) {
		return ResponseEntity
			.of(this.jdbc.sql("SELECT id, name, price FROM item WHERE id = ?").param(id).query(Item.class).optional());
	}

	record Greeting(String message, String digest, List<String> tags) {
	}

	record Item(long id, String name, long price) {
	}

}
