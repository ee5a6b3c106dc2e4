package io.selfobs.autoconfigure.tracing;

import io.selfobs.autoconfigure.test.OtlpReceiver;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collector fault suite over http/protobuf: traces, logs and metrics all exported to the failing collector.
 */
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpCollectorFaultTests extends CollectorFaultSuite {

	static final OtlpReceiver receiver = OtlpReceiver.start();

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Override
	OtlpReceiver receiver() {
		return receiver;
	}

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		for (String property : PROPERTIES) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
		registry.add("otel.exporter.otlp.endpoint", receiver::httpEndpoint);
		registry.add("otel.exporter.otlp.protocol", () -> "http/protobuf");
	}

	@Override
	String transport() {
		return "http/protobuf";
	}

	@Override
	String reasonOf(int status) {
		return "http_" + status;
	}

}
