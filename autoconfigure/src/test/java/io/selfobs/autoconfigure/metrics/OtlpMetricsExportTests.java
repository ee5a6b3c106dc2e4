package io.selfobs.autoconfigure.metrics;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.autoconfigure.test.OtlpReceiver.Security;
import io.selfobs.autoconfigure.test.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Assertions on counters read the cumulative simple registry: the OTLP registry's step
 * counters reset every interval.
 * <p>
 * Pushes real meters to an in-test collector over both transports and checks what the
 * collector decodes.
 */
class OtlpMetricsExportTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						OtlpAutoConfiguration.class, OtelMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("otel.metrics.interval-in-millis=200", "spring.application.name=orders",
				"otel.service.version=1.2.3", "otel.service.environment=staging", "otel.resource-attributes.team=pki");

	private OtlpReceiver receiver;

	@AfterEach
	void stopReceiver() {
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void metersArriveWithTheServiceResourceAndHeaders(String protocol) {
		this.receiver = OtlpReceiver.start();
		this.runner
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol,
					"otel.metrics.headers.api-key=k-123", "otel.metrics.bearer-token=t-456")
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment(3);
				ExportMetricsServiceRequest request = this.receiver.await(ExportMetricsServiceRequest.class,
						(r) -> metricNames(r).contains("orders.placed"), WAIT);
				Map<String, String> resource = attributes(
						request.getResourceMetrics(0).getResource().getAttributesList());
				assertThat(resource).containsEntry("service.name", "orders")
					.containsEntry("service.version", "1.2.3")
					.containsEntry("deployment.environment.name", "staging")
					.containsEntry("team", "pki")
					.containsKey("service.instance.id")
					.containsKey("telemetry.sdk.name");
				OtlpReceiver.Received received = this.receiver.awaitReceived(ExportMetricsServiceRequest.class, WAIT);
				assertThat(received.transport()).isEqualTo(protocol);
				assertThat(received.headers()).containsEntry("api-key", "k-123")
					.containsEntry("authorization", "Bearer t-456");
				assertThat(received.compressed()).isFalse();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void gzipAndBasicAuthReachTheCollector(String protocol) {
		this.receiver = OtlpReceiver.start();
		this.runner
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol,
					"otel.metrics.compression=gzip", "otel.metrics.basic-auth.username=collector",
					"otel.metrics.basic-auth.password=s3cret")
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				OtlpReceiver.Received received = this.receiver.awaitReceived(ExportMetricsServiceRequest.class, WAIT);
				assertThat(received.compressed()).isTrue();
				assertThat(received.headers()).containsEntry("authorization",
						"Basic " + Base64.getEncoder().encodeToString("collector:s3cret".getBytes()));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void mutualTlsWithACustomCa(String protocol) {
		TestCertificates certificates = TestCertificates.generate();
		this.receiver = OtlpReceiver.start(Security.MUTUAL_TLS, certificates);
		this.runner
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol,
					"otel.metrics.tls.ca-certificate=" + certificates.caCertificate(),
					"otel.metrics.tls.client-certificate=" + certificates.clientCertificate(),
					"otel.metrics.tls.client-key=" + certificates.clientKey())
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				this.receiver.await(ExportMetricsServiceRequest.class, (r) -> metricNames(r).contains("orders.placed"),
						WAIT);
				assertThat(this.receiver.received()).allMatch((r) -> r.transport().equals(protocol));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void mutualTlsFromASpringBootSslBundle(String protocol) {
		TestCertificates certificates = TestCertificates.generate();
		this.receiver = OtlpReceiver.start(Security.MUTUAL_TLS, certificates);
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol,
					"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + certificates.caCertificate(),
					"spring.ssl.bundle.pem.collector.keystore.certificate=file:" + certificates.clientCertificate(),
					"spring.ssl.bundle.pem.collector.keystore.private-key=file:" + certificates.clientKey(),
					"otel.metrics.tls.ssl-bundle=collector")
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				this.receiver.await(ExportMetricsServiceRequest.class, (r) -> metricNames(r).contains("orders.placed"),
						WAIT);
				assertThat(this.receiver.received()).allMatch((r) -> r.transport().equals(protocol));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc" })
	void anSslBundleTrustingAnotherCaIsRefusedByTheCollectorAndCounted(String protocol) {
		TestCertificates certificates = TestCertificates.generate();
		TestCertificates other = TestCertificates.generate();
		this.receiver = OtlpReceiver.start(Security.TLS, certificates);
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol,
					"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + other.caCertificate(),
					"otel.metrics.tls.ssl-bundle=collector", "otel.metrics.timeout=2s")
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				MeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				await().atMost(WAIT).until(() -> failures(registry, protocol) > 0);
				assertThat(this.receiver.received()).isEmpty();
			});
	}

	// gRPC only: the JDK's HttpsServer used as the in-test HTTP collector does not
	// reliably reject a missing
	// client certificate, so the http/protobuf variant would test the fixture, not
	// selfobs.
	@ParameterizedTest
	@ValueSource(strings = { "grpc" })
	void tlsWithoutTheClientCertificateIsRefusedByAMutualTlsCollectorAndCounted(String protocol) {
		TestCertificates certificates = TestCertificates.generate();
		this.receiver = OtlpReceiver.start(Security.MUTUAL_TLS, certificates);
		this.runner
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol,
					"otel.metrics.tls.ca-certificate=" + certificates.caCertificate(), "otel.metrics.timeout=2s")
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				MeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				await().atMost(WAIT).until(() -> failures(registry, protocol) > 0);
				assertThat(this.receiver.received()).isEmpty();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void collectorErrorsAreCountedByReason(String protocol) {
		this.receiver = OtlpReceiver.start();
		this.receiver.respondWith(503);
		this.runner
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol)
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				MeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				String reason = protocol.equals("grpc") ? "grpc_unavailable" : "http_503";
				await().atMost(WAIT)
					.until(() -> registry.find("selfobs.export.failed").tag("reason", reason).counter() != null);
				assertThat(registry.get("selfobs.export.dropped").tag("signal", "metrics").counter().count())
					.isPositive();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void anUnreachableCollectorIsCountedNotThrown(String protocol) {
		this.runner.withPropertyValues("otel.metrics.endpoint=http://127.0.0.1:1", "otel.metrics.protocol=" + protocol)
			.run((context) -> {
				context.getBean(MeterRegistry.class).counter("orders.placed").increment();
				MeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				await().atMost(WAIT)
					.until(() -> registry.find("selfobs.export.failed").tag("reason", "unreachable").counter() != null);
				assertThat(context).hasSingleBean(OtlpMeterRegistry.class);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void exportedItemsAreTheDataPointsTheCollectorReceived(String protocol) {
		this.receiver = OtlpReceiver.start();
		this.runner
			.withPropertyValues("otel.metrics.endpoint=" + endpoint(protocol), "otel.metrics.protocol=" + protocol)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String outcome : List.of("placed", "rejected", "cancelled")) {
					registry.counter("orders", "outcome", outcome).increment();
				}
				this.receiver.await(ExportMetricsServiceRequest.class, (r) -> metricNames(r).contains("orders"), WAIT);
				SimpleMeterRegistry cumulative = context.getBean(SimpleMeterRegistry.class);
				await().atMost(WAIT).untilAsserted(() -> {
					List<ExportMetricsServiceRequest> received = this.receiver.metrics();
					long dataPoints = received.stream().mapToLong(OtlpMetricsExportTests::dataPoints).sum();
					long metrics = received.stream().mapToLong((r) -> metricNames(r).size()).sum();
					assertThat(dataPoints).isGreaterThan(metrics);
					assertThat(cumulative.get("selfobs.export.items").tag("signal", "metrics").counter().count())
						.isEqualTo(dataPoints);
				});
			});
	}

	private static long dataPoints(ExportMetricsServiceRequest request) {
		return request.getResourceMetricsList()
			.stream()
			.flatMap((resource) -> resource.getScopeMetricsList().stream())
			.flatMap((scope) -> scope.getMetricsList().stream())
			.mapToLong((metric) -> switch (metric.getDataCase()) {
				case GAUGE -> metric.getGauge().getDataPointsCount();
				case SUM -> metric.getSum().getDataPointsCount();
				case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
				case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
				case SUMMARY -> metric.getSummary().getDataPointsCount();
				default -> 0;
			})
			.sum();
	}

	private double failures(MeterRegistry registry, String protocol) {
		return registry.find("selfobs.export.failed")
			.tag("transport", protocol)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private String endpoint(String protocol) {
		return protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
	}

	private static List<String> metricNames(ExportMetricsServiceRequest request) {
		return request.getResourceMetricsList()
			.stream()
			.flatMap((resource) -> resource.getScopeMetricsList().stream())
			.flatMap((scope) -> scope.getMetricsList().stream())
			.map((metric) -> metric.getName())
			.toList();
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (kv) -> kv.getValue().getStringValue(), (a, b) -> b));
	}

}
