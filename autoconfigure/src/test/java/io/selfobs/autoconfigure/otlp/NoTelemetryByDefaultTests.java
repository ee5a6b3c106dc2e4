package io.selfobs.autoconfigure.otlp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the whole starter on the classpath and no destination configured, nothing phones
 * home: not selfobs, and not Spring Boot's own OTLP exporters, whose defaults point at
 * localhost:4317/4318.
 */
class NoTelemetryByDefaultTests {

	@Test
	void noConnectionReachesTheDefaultCollectorPorts() throws Exception {
		try (Listener grpc = Listener.on(4317); Listener http = Listener.on(4318)) {
			try (ConfigurableApplicationContext app = SpringApplication.run(QuietApp.class, "--server.port=0",
					"--spring.main.banner-mode=off")) {
				int port = ((WebServerApplicationContext) app).getWebServer().getPort();
				for (int i = 0; i < 5; i++) {
					HttpResponse<String> response = HttpClient.newHttpClient()
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
								HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).isEqualTo(200);
				}
			}
			// closing the context flushes every exporter that exists; give stragglers a
			// moment
			Thread.sleep(1000);
			assertThat(grpc.connections()).as("connections to localhost:4317").isZero();
			assertThat(http.connections()).as("connections to localhost:4318").isZero();
		}
	}

	/**
	 * Counts connections to a loopback port for the duration of the test.
	 */
	private static final class Listener implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread acceptor;

		private Listener(ServerSocket socket) {
			this.socket = socket;
			this.acceptor = new Thread(this::accept, "no-phone-home-" + socket.getLocalPort());
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		static Listener on(int port) {
			try {
				return new Listener(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
			}
			catch (IOException ex) {
				Assumptions.abort("port " + port + " is in use on this machine: " + ex.getMessage());
				throw new IllegalStateException(ex);
			}
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					this.socket.accept().close();
					this.connections.incrementAndGet();
				}
				catch (SocketTimeoutException ex) {
					// keep listening
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		int connections() {
			return this.connections.get();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	@SpringBootApplication
	@RestController
	static class QuietApp {

		@GetMapping("/hello")
		String hello() {
			LoggerFactory.getLogger(QuietApp.class).info("hello");
			return "hello";
		}

	}

}
