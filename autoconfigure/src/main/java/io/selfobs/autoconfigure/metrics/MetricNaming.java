package io.selfobs.autoconfigure.metrics;

/**
 * How HTTP, database and process meters are named.
 */
public enum MetricNaming {

	/**
	 * OpenTelemetry semantic conventions: {@code http.server.request.duration} with
	 * {@code http.route}, {@code http.request.method}, {@code http.response.status_code},
	 * {@code error.type}, the {@code db.client.*} meters, units spelled out so that the
	 * scrape and the OTLP push translate to the same Prometheus names.
	 */
	OPENTELEMETRY,

	/**
	 * Micrometer's and Spring Boot's own names ({@code http.server.requests} with
	 * {@code uri}, {@code method}, {@code status}; {@code hikaricp.*};
	 * {@code jdbc.query}).
	 */
	MICROMETER

}
