package io.selfobs.autoconfigure.health.internal;

import io.selfobs.autoconfigure.otlp.internal.config.InvalidOtelPropertyFailureAnalyzer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ProbePathFailureAnalysisTests {

	@Test
	void startupFailureNamesThePropertyTheValueAndTheFix() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Throwable failure = catchThrowable(() -> application.run("--otel.health.startup.path=startup/now"));
		FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'startup/now'", "'otel.health.startup.path'");
		assertThat(analysis.getAction()).contains("'otel.health.startup.path'", "'/startupz'",
				"'otel.health.startup.enabled=false'");
	}

	@Test
	void aReadinessProbeOnTheScrapePathStopsStartup() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Throwable failure = catchThrowable(() -> application.run("--otel.health.readiness.path=/metrics"));
		FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'/metrics'", "'otel.health.readiness.path'",
				"'otel.metrics.prometheus.path'");
		assertThat(analysis.getAction()).contains("'/readyz'");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
