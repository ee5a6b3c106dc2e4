package io.selfobs.autoconfigure.logging;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot 4.1's OTLP log exporter builder customizers apply to selfobs' log exporter.
 * The customizer types do not exist on Spring Boot 4.0, so the test cannot name them: it
 * implements them with a proxy, and runs only on a line that has them (on 4.0 it checks
 * that they are indeed absent, on every later line that they are present).
 */
class SpringBootLogRecordExporterCustomizersTests {

	private static final String HTTP = OtelLoggingAutoConfiguration.SpringBootLogRecordExporterCustomizers.HTTP;

	private static final String GRPC = OtelLoggingAutoConfiguration.SpringBootLogRecordExporterCustomizers.GRPC;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(OtlpAutoConfiguration.class, RedactionAutoConfiguration.class, OtelLoggingAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void springBootCustomizersApplyToSelfobsOtlpLogRecordExporterAfterSelfobsOwn(String protocol) throws Exception {
		assumeSpringBootHasLogRecordExporterCustomizers();
		boolean grpc = protocol.equals("grpc");
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			this.runner
				.withPropertyValues("otel.exporter.otlp.protocol=" + protocol,
						"otel.exporter.otlp.endpoint=" + (grpc ? receiver.grpcEndpoint() : receiver.httpEndpoint()))
				.withBean(OtlpHttpLogRecordExporterBuilderCustomizer.class,
						() -> (builder) -> builder.addHeader("x-selfobs-customized", "http"))
				.withBean(OtlpGrpcLogRecordExporterBuilderCustomizer.class,
						() -> (builder) -> builder.addHeader("x-selfobs-customized", "grpc"))
				.withBean("bootHttpCustomizer", springBootCustomizerType(HTTP), () -> springBootCustomizer(HTTP,
						(OtlpHttpLogRecordExporterBuilder builder) -> builder.addHeader("x-boot-customized", "http")))
				.withBean("bootGrpcCustomizer", springBootCustomizerType(GRPC), () -> springBootCustomizer(GRPC,
						(OtlpGrpcLogRecordExporterBuilder builder) -> builder.addHeader("x-boot-customized", "grpc")))
				.run((context) -> {
					SdkLoggerProvider provider = context.getBean(SdkLoggerProvider.class);
					provider.get("io.selfobs.test").logRecordBuilder().setBody("customized").emit();
					provider.forceFlush().join(10, TimeUnit.SECONDS);
					OtlpReceiver.Received received = receiver.awaitReceived(ExportLogsServiceRequest.class,
							Duration.ofSeconds(30));
					String transport = grpc ? "grpc" : "http";
					assertThat(received.headers()).containsEntry("x-boot-customized", transport)
						.containsEntry("x-selfobs-customized", transport);
					assertThat(received.message().toString()).contains("customized");
				});
		}
	}

	private static void assumeSpringBootHasLogRecordExporterCustomizers() {
		String version = SpringBootVersion.getVersion();
		assertThat(version).as("Spring Boot version").isNotNull();
		boolean present = ClassUtils.isPresent(HTTP, null) && ClassUtils.isPresent(GRPC, null);
		if (version.startsWith("4.0.")) {
			assertThat(present).as("log exporter customizers on Spring Boot " + version).isFalse();
			Assumptions.abort("Spring Boot " + version + " has no OTLP log exporter customizers");
		}
		assertThat(present).as("log exporter customizers on Spring Boot " + version).isTrue();
	}

	@SuppressWarnings("unchecked")
	private static Class<Object> springBootCustomizerType(String name) {
		return (Class<Object>) ClassUtils.resolveClassName(name, null);
	}

	@SuppressWarnings("unchecked")
	private static <B> Object springBootCustomizer(String type, Consumer<B> customize) {
		Class<?> customizerType = springBootCustomizerType(type);
		return Proxy.newProxyInstance(customizerType.getClassLoader(), new Class<?>[] { customizerType },
				(proxy, method, args) -> switch (method.getName()) {
					case "customize" -> {
						customize.accept((B) args[0]);
						yield null;
					}
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "Spring Boot " + customizerType.getSimpleName();
				});
	}

}
