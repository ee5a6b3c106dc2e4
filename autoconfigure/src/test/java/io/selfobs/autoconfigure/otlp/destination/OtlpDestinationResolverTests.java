package io.selfobs.autoconfigure.otlp.destination;

import io.selfobs.autoconfigure.metrics.OtelMetricsProperties;
import io.selfobs.autoconfigure.otlp.OtelProperties;
import io.selfobs.autoconfigure.otlp.OtlpProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolution details not visible through a running exporter.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpDestinationResolverTests {

	@Test
	void aProtocolOnTheOtherTransportsPortIsWarnedAboutOnce(CapturedOutput output) {
		OtlpDestinationResolver resolver = new OtlpDestinationResolver(new OtelProperties());
		OtelMetricsProperties metrics = new OtelMetricsProperties();
		metrics.setEndpoint("http://collector:4317");
		resolver.resolve(metrics);
		resolver.resolve(metrics);
		assertThat(output.getAll().split("uses protocol http/protobuf on port 4317", -1)).hasSize(2);
	}

	@Test
	void theMatchingPortIsNotWarnedAbout(CapturedOutput output) {
		OtelMetricsProperties metrics = new OtelMetricsProperties();
		metrics.setEndpoint("http://collector:4317");
		metrics.setProtocol(OtlpProtocol.GRPC);
		new OtlpDestinationResolver(new OtelProperties()).resolve(metrics);
		assertThat(output.getAll()).doesNotContain("uses protocol");
	}

	@Test
	void theDestinationNeverPrintsHeaderValues() {
		OtelMetricsProperties metrics = new OtelMetricsProperties();
		metrics.setEnabled(true);
		metrics.setBearerToken("very-secret-token");
		metrics.getHeaders().put("api-key", "very-secret-key");
		OtlpDestination destination = new OtlpDestinationResolver(new OtelProperties()).resolve(metrics).orElseThrow();
		assertThat(destination.toString()).contains("api-key")
			.contains("Authorization")
			.doesNotContain("very-secret-token")
			.doesNotContain("very-secret-key");
	}

}
