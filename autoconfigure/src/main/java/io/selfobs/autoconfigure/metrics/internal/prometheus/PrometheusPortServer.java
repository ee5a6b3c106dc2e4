package io.selfobs.autoconfigure.metrics.internal.prometheus;

import java.io.IOException;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * Serves the scrape endpoint on its own port with Prometheus' own HTTP server (content
 * negotiation and gzip as in Prometheus' client), keeping metrics off the public
 * application port. Internal, not API.
 */
public final class PrometheusPortServer implements DisposableBean {

	private static final String PORT_PROPERTY = "otel.metrics.prometheus.port";

	private static final int DEFAULT_SERVER_PORT = 8080;

	private final HTTPServer server;

	public PrometheusPortServer(int port, PrometheusRegistry registry) {
		try {
			this.server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
		}
		catch (IOException ex) {
			throw new InvalidOtelPropertyException(PORT_PROPERTY, String.valueOf(port),
					"the scrape endpoint cannot listen on it (" + ex.getMessage() + "); another process may use it",
					"use a free port such as 9464, or unset it to serve the scrape endpoint on the main port");
		}
	}

	/**
	 * Fail fast, naming the property, when the dedicated port is the application's or
	 * Actuator's server port: binding it would otherwise fail late, with only "address
	 * already in use" to go on.
	 * @param port the configured {@code otel.metrics.prometheus.port}
	 * @param environment the environment holding {@code server.port} and
	 * {@code management.server.port}
	 * @param webServer whether the application runs a web server (on 8080 when
	 * {@code server.port} is unset)
	 */
	public static void checkNotTaken(int port, Environment environment, boolean webServer) {
		if (port == 0) {
			return;
		}
		for (String property : new String[] { "server.port", "management.server.port" }) {
			Integer taken = environment.getProperty(property, Integer.class);
			if (taken == null && webServer && property.equals("server.port")) {
				taken = DEFAULT_SERVER_PORT;
			}
			if (taken != null && taken == port) {
				throw new InvalidOtelPropertyException(PORT_PROPERTY, String.valueOf(port),
						"it is the port of '" + property + "'; both servers cannot listen on it",
						"use a free port of its own such as 9464, or unset it to serve the scrape endpoint on the main port at otel.metrics.prometheus.path");
			}
		}
	}

	/**
	 * The port actually bound, useful when port 0 asked for any free port.
	 * @return the port
	 */
	public int getPort() {
		return this.server.getPort();
	}

	@Override
	public void destroy() {
		this.server.close();
	}

}
