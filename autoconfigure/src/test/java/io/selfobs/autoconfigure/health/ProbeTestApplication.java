package io.selfobs.autoconfigure.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A web application with the starter, a DataSource on a real H2 TCP server that tests can
 * stop, OTLP exporters pointed at a closed port and a DOWN telemetry-collector health
 * check, as a service with a broken collector would have.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ProbeTestApplication {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Bean
	DataSource dataSource(Environment environment) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(environment.getRequiredProperty("probe-test.database-url"));
		dataSource.setUser("sa");
		return dataSource;
	}

	@Bean
	HealthIndicator otlpCollectorHealthIndicator() {
		return () -> Health.down().withDetail("reason", "collector unreachable").build();
	}

	/**
	 * Arguments for a run on random ports against the given database.
	 * @param database the database the DataSource connects to
	 * @param extraArguments further {@code --name=value} arguments
	 * @return the command-line arguments
	 */
	static String[] arguments(Database database, String... extraArguments) {
		// Span export is left off: its retries would add seconds to every shutdown
		String unreachable = "http://127.0.0.1:" + closedPort();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--probe-test.database-url=" + database.url(), "--management.endpoint.health.show-details=always",
				"--management.otlp.metrics.export.url=" + unreachable + "/v1/metrics",
				"--otel.exporter.otlp.endpoint=" + unreachable));
		arguments.addAll(List.of(extraArguments));
		return arguments.toArray(String[]::new);
	}

	static ConfigurableApplicationContext run(Database database, String... extraArguments) {
		return new SpringApplication(ProbeTestApplication.class).run(arguments(database, extraArguments));
	}

	static int mainPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	static Response get(int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Response(int status, String body, String contentType) {

	}

	/**
	 * An in-memory H2 database served over TCP on a random port, so stopping the server
	 * is a real outage for the application's connections.
	 */
	static final class Database implements AutoCloseable {

		static {
			// H2 clients retry a refused connection for seconds; a stopped server should
			// fail fast
			System.setProperty("h2.socketConnectRetry", "0");
		}

		private Server server;

		private final int port;

		Database() {
			this.server = serve("0");
			this.port = this.server.getPort();
		}

		String url() {
			return "jdbc:h2:tcp://127.0.0.1:" + this.port + "/mem:probes;DB_CLOSE_DELAY=-1";
		}

		void stop() {
			this.server.stop();
		}

		void restart() {
			this.server = serve(Integer.toString(this.port));
		}

		@Override
		public void close() {
			this.server.stop();
		}

		private static Server serve(String port) {
			try {
				return Server.createTcpServer("-tcpPort", port, "-ifNotExists").start();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
