package io.selfobs.sample.pki.est.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.selfobs.sample.pki.security.SecurityEvents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the device-facing EST connector to EST: there, anything outside
 * {@code /.well-known/est/} is answered 404 before security, the operator API, actuator,
 * probes or {@code /metrics} see it. Each such request is counted as a refused security
 * event ({@code network}, {@code est-port-path-refused}); its request event is the log
 * line, so a scan adds no extra lines.
 */
final class EstPortFilter extends OncePerRequestFilter {

	static final String EST_PATH = "/.well-known/est/";

	private static final byte[] NOT_FOUND = "Not found: this port serves EST (RFC 7030) under /.well-known/est/ only\n"
		.getBytes(StandardCharsets.UTF_8);

	private final EstServer server;

	private final SecurityEvents events;

	EstPortFilter(EstServer server, SecurityEvents events) {
		this.server = server;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getLocalPort() != this.server.port() || isEst(request)) {
			chain.doFilter(request, response);
			return;
		}
		this.events.countRefusal("network", "est-port-path-refused");
		response.setStatus(HttpStatus.NOT_FOUND.value());
		response.setContentType("text/plain;charset=UTF-8");
		response.setContentLength(NOT_FOUND.length);
		response.getOutputStream().write(NOT_FOUND);
	}

	private static boolean isEst(HttpServletRequest request) {
		// the servlet path is decoded and normalized by the container: no '..' or encoded
		// slash tricks get past
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return path.startsWith(EST_PATH);
	}

}
