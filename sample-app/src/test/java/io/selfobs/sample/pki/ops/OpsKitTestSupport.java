package io.selfobs.sample.pki.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.crypto.x509.Pem;

/**
 * Small helpers of the operator-kit tests.
 */
final class OpsKitTestSupport {

	private OpsKitTestSupport() {
	}

	static Path tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String csrPem(String commonName) throws Exception {
		return Pem.encode(TestPki.csr(commonName, TestPki.ecKey()));
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** A JSON string literal. */
	static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
	}

}
