package io.selfobs.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.selfobs.autoconfigure.metrics.internal.ExplicitBucketHistogramMeterFilter;
import io.selfobs.autoconfigure.metrics.internal.OpenTelemetryNamingMeterFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metrics cost per HTTP server observation (start and stop through Micrometer's
 * default meter handler, as Spring Boot wires it), by naming:
 * <ul>
 * <li>{@code micrometer}: {@code http.server.requests} with Micrometer's five tags, no
 * histogram, the long-task timer on (the naming before the OpenTelemetry
 * conventions);</li>
 * <li>{@code opentelemetry}: {@code http.server.request.duration} with the conventions'
 * attributes, a 14-bucket histogram, no long-task timer (selfobs' default);</li>
 * </ul>
 * each recorded into the scrape and the OTLP registries as selfobs runs ({@code both}),
 * or into the scrape registry alone ({@code prometheus}), which is what serving both
 * outputs from one recording could save at most.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpObservationMetricsBenchmark {

	@Param({ "micrometer", "opentelemetry" })
	public String naming;

	@Param({ "both", "prometheus" })
	public String registries;

	private ObservationRegistry observations;

	private MeterRegistry composite;

	private String name;

	private KeyValues keyValues;

	@Setup(Level.Trial)
	public void setUp() {
		CompositeMeterRegistry composite = new CompositeMeterRegistry();
		composite.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		if (this.registries.equals("both")) {
			composite.add(new OtlpMeterRegistry(new OtlpConfig() {

				@Override
				public String get(String key) {
					return null;
				}

				@Override
				public Duration step() {
					return Duration.ofHours(1);
				}

				@Override
				public TimeUnit baseTimeUnit() {
					return TimeUnit.SECONDS;
				}

			}, io.micrometer.core.instrument.Clock.SYSTEM));
		}
		boolean openTelemetry = this.naming.equals("opentelemetry");
		if (openTelemetry) {
			List<MeterFilter> filters = List
				.of(new ExplicitBucketHistogramMeterFilter(Map.of("http.server.request.duration", true),
						List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0),
						Map.of()), new OpenTelemetryNamingMeterFilter());
			composite.getRegistries().forEach((registry) -> filters.forEach(registry.config()::meterFilter));
		}
		this.composite = composite;
		this.observations = ObservationRegistry.create();
		this.observations.observationConfig()
			.observationHandler(
					openTelemetry ? new DefaultMeterObservationHandler(composite, IgnoredMeters.LONG_TASK_TIMER)
							: new DefaultMeterObservationHandler(composite));
		this.name = openTelemetry ? "http.server.request.duration" : "http.server.requests";
		this.keyValues = openTelemetry
				? KeyValues.of("http.request.method", "GET", "http.response.status_code", "200", "http.route",
						"/items/{id}", "url.scheme", "http")
				: KeyValues.of("method", "GET", "status", "200", "uri", "/items/{id}", "outcome", "SUCCESS",
						"exception", "none");
	}

	@TearDown(Level.Trial)
	public void close() {
		this.composite.close();
	}

	@Benchmark
	public Observation observeOneRequest() {
		Observation observation = Observation.createNotStarted(this.name, this.observations)
			.lowCardinalityKeyValues(this.keyValues)
			.start();
		observation.stop();
		return observation;
	}

}
