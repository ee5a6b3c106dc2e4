package io.selfobs.autoconfigure.supportbundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.systemhealth.SystemHealthAutoConfiguration;
import io.selfobs.autoconfigure.worker.WorkerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SupportBundleAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupportBundleAutoConfiguration.class,
				SystemHealthAutoConfiguration.class, WorkerAutoConfiguration.class, RedactionAutoConfiguration.class,
				EndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
				ObservationAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class));

	@Test
	void notCreatedUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SupportBundleEndpoint.class)
			.doesNotHaveBean(LogRingBuffer.class));
	}

	@Test
	void createdWithItsLogBufferWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=supportbundle")
			.run((context) -> assertThat(context).hasSingleBean(SupportBundleEndpoint.class)
				.hasSingleBean(LogRingBuffer.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=supportbundle",
					"otel.support-bundle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SupportBundleEndpoint.class)
				.doesNotHaveBean(LogRingBuffer.class));
	}

	@Test
	void refusedOnTheMainServerPortUnlessAllowed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=supportbundle")
			.run((context) -> assertThat(
					context.getBean(SupportBundleEndpoint.class).bundle(WebServerNamespace.SERVER).getStatus())
				.isEqualTo(404));
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=supportbundle",
					"otel.support-bundle.allow-on-server-port=true")
			.run((context) -> assertThat(
					context.getBean(SupportBundleEndpoint.class).bundle(WebServerNamespace.SERVER).getStatus())
				.isEqualTo(200));
	}

	@Test
	void bundleHasEverySectionMasksSecretsAndKeepsUnderItsCap() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=supportbundle",
				"otel.exporter.otlp.headers.api-key=CANARY-HEADER-7f3a", "spring.datasource.password=CANARY-DB-91c2",
				"otel.support-bundle.max-size=200KB", "otel.support-bundle.log-lines=200")
			.run((context) -> {
				org.slf4j.Logger log = LoggerFactory.getLogger("bundle.test");
				for (int i = 0; i < 300; i++) {
					log.info("line {} with password=CANARY-LOG-5d1e and padding {}", i, "x".repeat(800));
				}
				log.warn("refused", new IllegalStateException("Bearer CANARYTOKENabcdef0123456789"));
				WebEndpointResponse<byte[]> response = context.getBean(SupportBundleEndpoint.class)
					.bundle(WebServerNamespace.MANAGEMENT);
				assertThat(response.getStatus()).isEqualTo(200);
				assertThat(response.getBody().length).isLessThanOrEqualTo(200 * 1024);
				Map<String, String> files = unzip(response.getBody());
				assertThat(files).containsKeys("manifest.json", "service.json", "health.json", "telemetry.json",
						"configuration.properties", "jvm.json", "threads.txt", "metrics.prom", "logs.txt");
				assertThat(String.join("\n", files.values())).doesNotContain("CANARY-HEADER-7f3a", "CANARY-DB-91c2",
						"CANARY-LOG-5d1e", "CANARYTOKENabcdef0123456789");
				assertThat(files.get("configuration.properties"))
					.contains("otel.exporter.otlp.headers.api-key = [REDACTED]")
					.contains("spring.datasource.password = [REDACTED]");
				assertThat(files.get("logs.txt")).contains("older lines were dropped")
					.contains("line 299 with")
					.contains("java.lang.IllegalStateException");
				assertThat(files.get("manifest.json")).contains("\"configuration.sensitive_key\": 2")
					.contains("\"logs.secret_in_text\"")
					.contains("\"truncated\": true");
				assertThat(files.get("threads.txt")).contains("\"main\"");
			});
	}

	static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

}
