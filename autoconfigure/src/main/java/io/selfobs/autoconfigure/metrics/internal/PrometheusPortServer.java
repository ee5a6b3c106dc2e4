package io.selfobs.autoconfigure.metrics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.springframework.beans.factory.DisposableBean;

/**
 * Serves the scrape endpoint on its own port with Prometheus' own HTTP server (content negotiation and gzip as
 * in Prometheus' client), keeping metrics off the public application port.
 */
public final class PrometheusPortServer implements DisposableBean {

	private final HTTPServer server;

	public PrometheusPortServer(int port, PrometheusRegistry registry) {
		try {
			this.server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serve metrics on port " + port
					+ " (otel.metrics.prometheus.port); is the port in use?", ex);
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
