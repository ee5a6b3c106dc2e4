package io.selfobs.autoconfigure.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@link LoggingTestApplication} as its own process, for tests that need a real stdout:
 * it logs {@code test.startup-lines} numbered lines once started, then writes its port to
 * {@code test.port-file}.
 */
public final class ConsolePipelineTestApplication {

	private ConsolePipelineTestApplication() {
	}

	public static void main(String[] args) throws IOException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LoggingTestApplication.class).run(args);
		Environment environment = context.getEnvironment();
		int lines = environment.getProperty("test.startup-lines", Integer.class, 0);
		for (int i = 0; i < lines; i++) {
			LoggingTestApplication.logger.info("numbered line {}", i);
		}
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		Path portFile = Path.of(environment.getRequiredProperty("test.port-file"));
		Path written = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
				Integer.toString(port), StandardCharsets.US_ASCII);
		Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE);
	}

}
