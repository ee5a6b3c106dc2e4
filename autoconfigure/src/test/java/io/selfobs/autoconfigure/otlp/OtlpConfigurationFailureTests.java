package io.selfobs.autoconfigure.otlp;

import io.selfobs.autoconfigure.logging.OtelLoggingAutoConfiguration;
import io.selfobs.autoconfigure.metrics.OtelMetricsAutoConfiguration;
import io.selfobs.autoconfigure.otlp.internal.config.InvalidOtelPropertyFailureAnalyzer;
import io.selfobs.autoconfigure.tracing.OtelTracingAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad setting stops startup with a report that names the property, the value and
 * the fix, and never shows a secret.
 */
class OtlpConfigurationFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, OtlpAutoConfiguration.class,
				OtelMetricsAutoConfiguration.class, SslAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					otel.metrics.scheme             | ftp                         | unknown scheme                     | use http or https
					otel.metrics.protocol           | http/json                   | unknown OTLP protocol              | use http/protobuf or grpc
					otel.metrics.protocol           | thrift                      | unknown OTLP protocol              | use http/protobuf or grpc
					otel.metrics.port               | 70000                       | between 1 and 65535                | 4318
					otel.metrics.port               | 0                           | between 1 and 65535                | 4317
					otel.metrics.endpoint           | collector:4318              | scheme must be http or https       | full URL
					otel.metrics.endpoint           | http://exa mple:4318        | not a valid URL                    | full URL
					otel.exporter.otlp.endpoint     | ://nohost                   | not a valid URL                    | full URL
					otel.metrics.interval-in-millis | 0                           | must be positive                   | 60000
					otel.metrics.interval-in-millis | -5                          | must be positive                   | 60000
					otel.metrics.compression        | brotli                      | unknown compression                | gzip or none
					otel.metrics.timeout            | PT0S                        | timeout must be positive           | 10s
					otel.metrics.tls.ca-certificate | /nonexistent/ca.pem         | cannot be read                     | readable PEM file
					otel.metrics.hostname           | http://collector            | not a host name                    | endpoint property
					""")
	void badValuesNameThePropertyTheValueAndTheFix(String property, String value, String problem, String fix) {
		FailureAnalysis analysis = failureOf(property + "=" + value);
		assertThat(analysis.getDescription()).contains(property).contains(value).contains(problem);
		assertThat(analysis.getAction()).contains(property).contains(fix);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					endpoint and hostname   | otel.metrics.endpoint=http://a:4318     | otel.metrics.hostname=b               | otel.metrics.endpoint   | not both
					basic-auth no password  | otel.metrics.basic-auth.username=ops    | otel.metrics.enabled=true             | otel.metrics.basic-auth.password | no password
					basic-auth and bearer   | otel.metrics.basic-auth.username=ops    | otel.metrics.basic-auth.password=pw1  | otel.metrics.bearer-token | only one Authorization
					client cert without key | otel.metrics.tls.client-certificate=classpath:application-test.properties | otel.metrics.enabled=true | otel.metrics.tls.client-key | both a client certificate
					ssl bundle and PEM file | otel.metrics.tls.ssl-bundle=collector    | otel.metrics.tls.ca-certificate=classpath:application-test.properties | otel.metrics.tls.ssl-bundle | both an SSL bundle and PEM files
					""")
	void conflictingSettingsNameTheProperty(String name, String first, String second, String property, String text) {
		String[] values = name.equals("basic-auth and bearer")
				? new String[] { first, second, "otel.metrics.bearer-token=tok-secret" }
				: new String[] { first, second };
		FailureAnalysis analysis = failureOf(values);
		assertThat(analysis.getDescription() + analysis.getAction()).contains(property).contains(text);
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("pw1").doesNotContain("tok-secret");
	}

	@ParameterizedTest(name = "header {0}")
	@CsvSource(delimiter = '|', textBlock = """
			otel.metrics.headers[x-key]       | line1\\r\\nInjected: yes
			otel.exporter.otlp.headers[x-key] | line1\\nInjected: yes
			""")
	void headerValuesWithLineBreaksAreRejectedWithoutShowingTheValue(String property, String value) {
		FailureAnalysis analysis = failureOf(property + "=" + value.replace("\\r", "\r").replace("\\n", "\n"));
		assertThat(analysis.getDescription()).contains("line breaks").doesNotContain("Injected");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					otel.metrics.tls.client-key         | a pasted key with a preamble | Bag Attributes\\n-----BEGIN PRIVATE KEY-----\\nBODY\\n-----END PRIVATE KEY-----
					otel.metrics.tls.client-key         | a key header on one line     | PRIVATE KEY BODY
					otel.metrics.tls.client-certificate | several lines                | line1\\nBODY
					otel.metrics.tls.ca-certificate     | longer than any location     | BODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODYBODY
					""")
	void tlsValuesThatAreNotLocationsAreNotShown(String property, String kind, String template) {
		String value = template.replace("\\n", "\n").replace("BODY", "MIIEcanaryKeyBody");
		FailureAnalysis analysis = failureOf(property + "=" + value);
		assertThat(analysis.getDescription()).contains(property)
			.contains("cannot be read")
			.contains("******")
			.doesNotContain("MIIEcanaryKeyBody");
		assertThat(analysis.getAction()).contains(property).contains("readable PEM file");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			otel.metrics.protocol           | grpc          | GRPC
			otel.metrics.protocol           | HTTP/Protobuf | HTTP_PROTOBUF
			otel.metrics.protocol           | http_protobuf | HTTP_PROTOBUF
			otel.exporter.otlp.protocol     | GRPC          | GRPC
			otel.metrics.compression        | Gzip          | GZIP
			otel.exporter.otlp.compression  | none          | NONE
			otel.metrics.scheme             | HTTPS         | HTTPS
			""")
	void closedSetsBindFromTheSpecificationSpellingInAnyCase(String property, String value, String member) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasNotFailed();
			OtlpConnectionProperties bound = property.startsWith("otel.exporter.otlp")
					? context.getBean(OtelProperties.class).getExporter().getOtlp()
					: context.getBean(io.selfobs.autoconfigure.metrics.OtelMetricsProperties.class);
			Object actual = property.endsWith("protocol") ? bound.getProtocol() : property.endsWith("compression")
					? bound.getCompression() : ((OtlpSignalProperties) bound).getScheme();
			assertThat(actual).hasToString(member);
		});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "otel.metrics.compression=zstd", "otel.exporter.otlp.protocol=http/json" })
	void anUnknownMemberOfAClosedSetIsReportedInTheSpecificationSpelling(String setting) {
		FailureAnalysis analysis = failureOf(setting);
		assertThat(analysis.getAction()).doesNotContain("GZIP").doesNotContain("HTTP_PROTOBUF");
		assertThat(analysis.getDescription()).contains(setting.substring(0, setting.indexOf('=')));
	}

	@ParameterizedTest
	@ValueSource(strings = { "otel.metrics", "otel.traces", "otel.logging" })
	void anUnknownSslBundleStopsStartupNamingTheProperty(String prefix) {
		ApplicationContextRunner runner = this.runner.withConfiguration(
				AutoConfigurations.of(OtelTracingAutoConfiguration.class, OtelLoggingAutoConfiguration.class));
		FailureAnalysis analysis = failureOf(runner, prefix + ".enabled=true", prefix + ".tls.ssl-bundle=colector",
				"spring.ssl.bundle.pem.collector.truststore.certificate=classpath:cnryKeyPath/tls.crt");
		assertThat(analysis.getDescription()).contains(prefix + ".tls.ssl-bundle")
			.contains("colector")
			.contains("no SSL bundle of that name");
		assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.colector");
	}

	private FailureAnalysis failureOf(String... properties) {
		return failureOf(this.runner, properties);
	}

	private static FailureAnalysis failureOf(ApplicationContextRunner runner, String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidOtelPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("a selfobs failure analysis").isNotNull();
		return analysis[0];
	}

}
