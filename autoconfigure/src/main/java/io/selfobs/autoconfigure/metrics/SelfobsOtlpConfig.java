package io.selfobs.autoconfigure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.registry.otlp.OtlpConfig;
import io.selfobs.autoconfigure.otlp.OtelResourceAttributes;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer's OTLP settings taken from the resolved destination. Micrometer would
 * otherwise read the {@code OTEL_*} variables on its own and disagree with
 * {@code otel.*}; every method it consults is answered here.
 */
final class SelfobsOtlpConfig implements OtlpConfig {

	private final OtlpDestination destination;

	private final Duration step;

	private final Map<String, String> resourceAttributes;

	SelfobsOtlpConfig(OtlpDestination destination, OtelMetricsProperties properties, OtelResourceAttributes resource) {
		this.destination = destination;
		this.step = Duration.ofMillis(properties.getIntervalInMillis());
		this.resourceAttributes = resource.asMap();
	}

	@Override
	public @Nullable String get(String key) {
		return null;
	}

	@Override
	public String url() {
		return this.destination.endpoint().toString();
	}

	@Override
	public Duration step() {
		return this.step;
	}

	@Override
	public Map<String, String> resourceAttributes() {
		return this.resourceAttributes;
	}

	/**
	 * Seconds, the unit of the OpenTelemetry conventions and of the scrape, so that both
	 * outputs agree.
	 */
	@Override
	public TimeUnit baseTimeUnit() {
		return TimeUnit.SECONDS;
	}

	@Override
	public Map<String, String> headers() {
		return this.destination.headers();
	}

	/**
	 * No separate {@code *_max} gauge beside each histogram, so the push carries what the
	 * scrape shows on every Spring Boot line. Micrometer 1.17 (Spring Boot 4.1) added
	 * this switch, on by default; on older Micrometer versions this method overrides
	 * nothing (hence no {@code @Override}).
	 * @return {@code false}
	 */
	public boolean publishMaxGaugeForHistograms() {
		return false;
	}

}
