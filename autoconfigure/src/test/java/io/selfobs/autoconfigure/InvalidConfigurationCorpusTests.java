package io.selfobs.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The bad-configuration corpus: one case for every check selfobs makes on an
 * {@code otel.*} setting (and on the {@code OTEL_*} variables it reads), each started as
 * a real application. Every case must stop startup with Spring Boot's "APPLICATION FAILED
 * TO START" report whose description names the property; where the value is a secret
 * (headers, passwords, tokens, keys, credentials in a URL) the secret appears nowhere:
 * not in the report, not in anything else printed during the attempt, not in any message
 * of the exception.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationCorpusTests {

	private static final String REPORT = "APPLICATION FAILED TO START";

	/** A readable file that is not PEM. */
	private static final String NOT_PEM = "classpath:application-test.properties";

	private static final String KEY_BODY = "MIIEcanaryKeyBody";

	static Stream<Case> corpus() {
		List<Case> cases = new ArrayList<>();
		// OTLP destination, shared (otel.exporter.otlp.*) and per signal
		cases.add(invalid("otel.metrics.endpoint", "collector:4318").shows("scheme must be http or https", "full URL"));
		cases.add(invalid("otel.metrics.endpoint", "http://exa mple:4318").shows("not a valid URL", "full URL"));
		cases.add(invalid("otel.exporter.otlp.endpoint", "://nohost").shows("not a valid URL", "full URL"));
		cases.add(invalid("otel.traces.endpoint", "http:///v1/traces").shows("the URL has no host"));
		cases.add(invalid("otel.logging.endpoint", "http://collector:70000").showsValueAs("70000")
			.shows("between 1 and 65535"));
		cases
			.add(invalid("otel.traces.endpoint", "https://ops:cnryUrlPassword@collector:4318").secret("cnryUrlPassword")
				.shows("credentials must not be part of the URL"));
		cases.add(invalid("otel.metrics.endpoint", "http://a:4318").with("otel.metrics.hostname=b").shows("not both"));
		cases.add(invalid("otel.metrics.hostname", "http://collector").shows("not a host name", "endpoint property"));
		cases.add(invalid("otel.metrics.port", "70000").shows("between 1 and 65535", "4318"));
		cases.add(invalid("otel.metrics.port", "0").shows("between 1 and 65535", "4317"));
		cases.add(invalid("otel.metrics.scheme", "ftp").shows("unknown scheme", "use http or https"));
		cases
			.add(invalid("otel.metrics.protocol", "http/json").shows("unknown OTLP protocol", "http/protobuf or grpc"));
		cases.add(invalid("otel.logging.protocol", "thrift").shows("unknown OTLP protocol", "http/protobuf or grpc"));
		cases.add(invalid("otel.metrics.compression", "brotli").shows("unknown compression", "gzip or none"));
		cases.add(invalid("otel.metrics.timeout", "PT0S").shows("timeout must be positive", "10s"));
		cases.add(invalid("otel.exporter.otlp.timeout", "-1s").showsValueAs("PT-1S").shows("timeout must be positive"));
		cases.add(invalid("otel.exporter.otlp.shutdown-timeout", "0s").showsValueAs("PT0S").shows("must be positive"));
		// headers: names are shown, values never
		cases.add(invalid("otel.metrics.headers[bad header]", "cnryHeaderValue").named("otel.metrics.headers")
			.secret("cnryHeaderValue")
			.shows("not a valid HTTP header name"));
		cases.add(invalid("otel.exporter.otlp.headers[x-api-key]", "cnryHeaderKey\r\nInjected: yes")
			.named("otel.exporter.otlp.headers.x-api-key")
			.secret("cnryHeaderKey", "Injected")
			.shows("line breaks"));
		cases.add(invalid("otel.metrics.headers[x-key]", "line1\r\nInjected: yes").named("otel.metrics.headers.x-key")
			.secret("Injected")
			.shows("line breaks"));
		cases.add(invalid("otel.logging.headers[authorization]", "Bearer cnryLogToken\n")
			.named("otel.logging.headers.authorization")
			.secret("cnryLogToken"));
		cases.add(invalid("otel.traces.headers[x-api-key]", "").named("otel.traces.headers.x-api-key")
			.shows("must not be empty"));
		// credentials
		cases.add(invalid("otel.metrics.basic-auth.username", "ops").named("otel.metrics.basic-auth.password")
			.showsValueAs(null)
			.shows("no password"));
		cases.add(invalid("otel.metrics.basic-auth.password", "cnryLonePassword")
			.named("otel.metrics.basic-auth.username")
			.secret("cnryLonePassword")
			.shows("no username"));
		cases.add(invalid("otel.metrics.basic-auth.username", "ops")
			.with("otel.metrics.basic-auth.password=cnryBasicPassword", "otel.metrics.bearer-token=cnryBearerToken")
			.named("otel.metrics.bearer-token")
			.secret("cnryBasicPassword", "cnryBearerToken")
			.shows("only one Authorization"));
		cases.add(invalid("otel.traces.basic-auth.username", "ops:cnryPasswordInUser")
			.with("otel.traces.basic-auth.password=pw")
			.secret("cnryPasswordInUser")
			.shows("must not contain ':'"));
		cases.add(invalid("otel.traces.basic-auth.password", "cnryMountedPassword\n")
			.with("otel.traces.basic-auth.username=ops")
			.secret("cnryMountedPassword")
			.shows("trailing newline"));
		cases.add(invalid("otel.logging.bearer-token", "cnryMountedToken\r\n").secret("cnryMountedToken")
			.shows("control characters"));
		// TLS
		cases.add(invalid("otel.metrics.tls.ssl-bundle", "collector").with("otel.metrics.tls.ca-certificate=" + NOT_PEM)
			.shows("both an SSL bundle and PEM files"));
		cases.add(invalid("otel.metrics.tls.ca-certificate", "/nonexistent/ca.pem").shows("cannot be read",
				"readable PEM file"));
		cases.add(invalid("otel.traces.tls.client-certificate", "/nonexistent/client.pem")
			.with("otel.traces.tls.client-key=" + NOT_PEM)
			.shows("cannot be read"));
		cases.add(invalid("otel.logging.tls.client-key", "/nonexistent/client.key")
			.with("otel.logging.tls.client-certificate=" + NOT_PEM)
			.shows("cannot be read"));
		cases.add(invalid("otel.metrics.tls.client-certificate", NOT_PEM).named("otel.metrics.tls.client-key")
			.showsValueAs(null)
			.shows("both a client certificate"));
		cases.add(invalid("otel.metrics.tls.client-key", NOT_PEM).named("otel.metrics.tls.client-certificate")
			.showsValueAs(null)
			.shows("both a client certificate"));
		cases.add(invalid("otel.metrics.tls.client-key",
				"Bag Attributes\n-----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----")
			.secret(KEY_BODY)
			.shows("cannot be read", "******", "readable PEM file"));
		cases.add(invalid("otel.metrics.tls.client-key", "PRIVATE KEY " + KEY_BODY).secret(KEY_BODY)
			.shows("cannot be read", "******"));
		cases.add(invalid("otel.metrics.tls.client-certificate", "line1\n" + KEY_BODY).secret(KEY_BODY)
			.shows("cannot be read", "******"));
		cases.add(invalid("otel.metrics.tls.ca-certificate", KEY_BODY.repeat(40)).secret(KEY_BODY)
			.shows("cannot be read", "******"));
		cases.add(
				invalid("otel.metrics.tls.ca-certificate", NOT_PEM).with("otel.metrics.endpoint=https://localhost:4318")
					.shows("PEM material cannot be loaded"));
		cases.add(invalid("otel.traces.tls.client-certificate", NOT_PEM)
			.with("otel.traces.tls.client-key=-----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----",
					"otel.traces.endpoint=https://localhost:4318")
			.secret(KEY_BODY)
			.shows("PEM material cannot be loaded"));
		for (String prefix : List.of("otel.metrics", "otel.traces", "otel.logging")) {
			cases.add(invalid(prefix + ".tls.ssl-bundle", "colector")
				.with(prefix + ".enabled=true",
						"spring.ssl.bundle.pem.collector.truststore.certificate=classpath:cnryKeyPath/tls.crt")
				.shows("no SSL bundle of that name", "spring.ssl.bundle.pem.colector"));
		}
		cases.add(invalid("otel.traces.tls.ssl-bundle", "broken")
			.with("otel.traces.enabled=true", "spring.ssl.bundle.pem.broken.truststore.certificate=" + NOT_PEM)
			.shows("cannot be used", "spring.ssl.bundle.*.broken"));
		// export queues
		cases.add(invalid("otel.traces.export.max-queue-size", "0").shows("at least one item"));
		cases.add(invalid("otel.logging.export.max-batch-size", "5000").shows("between 1 and the queue size"));
		cases.add(invalid("otel.traces.export.schedule-delay", "0ms").showsValueAs("PT0S").shows("must be positive"));
		cases.add(
				invalid("otel.logging.export.shutdown-timeout", "-1s").showsValueAs("PT-1S").shows("must be positive"));
		cases.add(invalid("otel.logging.export.startup-buffer-size", "-1").shows("cannot be negative"));
		// metrics
		cases.add(invalid("otel.metrics.interval-in-millis", "0").shows("must be positive", "60000"));
		cases.add(invalid("otel.metrics.interval-in-millis", "-5").shows("must be positive", "60000"));
		cases.add(invalid("otel.metrics.prometheus.port", "70000").shows("between 0 (any free port) and 65535"));
		cases.add(invalid("otel.metrics.prometheus.port", "9464").with("server.port=9464").shows("'server.port'"));
		cases.add(invalid("otel.metrics.prometheus.port", "9464").with("management.server.port=9464")
			.shows("'management.server.port'"));
		cases.add(invalid("otel.metrics.prometheus.path", "metrics").shows("must start with '/'"));
		cases.add(invalid("otel.metrics.histograms.buckets", "1,0.5").showsValueAs("[1.0, 0.5]")
			.shows("strictly increasing"));
		cases.add(invalid("otel.metrics.histograms.meter-buckets[db.client]", "0.5,0.1").showsValueAs("[0.5, 0.1]")
			.named("otel.metrics.histograms.meter-buckets.db.client")
			.shows("strictly increasing"));
		cases.add(invalid("otel.metrics.cardinality.max-tag-values", "0").shows("at least 1"));
		// traces
		cases.add(invalid("otel.traces.sampler", "sometimes").shows("unknown sampler"));
		cases.add(invalid("otel.traces.sampler.arg", "1.5").with("otel.traces.sampler=traceidratio")
			.shows("not a ratio between 0 and 1"));
		cases.add(invalid("otel.traces.excluded-paths[0]", "internal/**").shows("must start with '/'"));
		cases.add(invalid("otel.traces.excluded-paths[0]", "/internal/{id").named("otel.traces.excluded-paths")
			.shows("not a valid path pattern")
			.web());
		// logging
		cases.add(invalid("otel.logging.console.queue-size", "0").shows("must be positive"));
		cases.add(invalid("otel.logging.console.shutdown-timeout", "-1s").showsValueAs("PT-1S")
			.shows("cannot be negative"));
		cases.add(invalid("otel.logging.console.format", "ecs").hiding("co.elastic.logging")
			.shows("logback-ecs-encoder is not on the class path"));
		cases.add(invalid("otel.logging.request-events.exclude-paths", "healthz").shows("must start with '/'"));
		cases.add(invalid("otel.logging.request-events.include-paths", "api/**").shows("must start with '/'"));
		// health probes
		cases.add(invalid("otel.health.startup.path", "startup/now").shows("single segment", "'/startupz'"));
		cases.add(invalid("otel.health.readiness.path", "/metrics").shows("'otel.metrics.prometheus.path'"));
		cases.add(invalid("otel.health.liveness.path", "/readyz").shows("already used by"));
		cases.add(invalid("otel.health.metrics.interval", "0s").showsValueAs("PT0S").shows("must be positive"));
		// redaction
		cases
			.add(invalid("otel.redaction.sensitive-keys[0]", "us*er").shows("'us*er'", "only at the start or the end"));
		cases.add(invalid("otel.redaction.allowed-keys[0]", "a**b").shows("only at the start or the end"));
		cases.add(invalid("otel.redaction.denied-tag-keys[0]", "user*name").shows("only at the start or the end"));
		cases.add(invalid("otel.redaction.value-patterns[0]", "pin=(\\d+").shows("not a valid regular expression"));
		cases.add(invalid("otel.redaction.hmac-key", "cnryShortHmacKey").with("otel.redaction.replacement=hmac")
			.secret("cnryShortHmacKey")
			.shows("(not shown, 16 bytes)", "at least 32"));
		// workers, System Health page, support bundle
		cases.add(invalid("otel.workers.stall-threshold", "0s").showsValueAs("PT0S").shows("must be positive"));
		cases.add(
				invalid("otel.workers.stall-thresholds.mailer", "-1m").showsValueAs("PT-1M").shows("must be positive"));
		cases.add(invalid("otel.workers.queue-sample-interval", "0s").showsValueAs("PT0S").shows("must be positive"));
		cases.add(invalid("otel.system-health.refresh-interval", "500ms").showsValueAs("PT0.5S").shows("at least 1s"));
		cases.add(invalid("otel.system-health.queue-age-warning", "0s").showsValueAs("PT0S").shows("must be positive"));
		cases.add(invalid("otel.system-health.queue-age-critical", "30s").showsValueAs("PT30S")
			.shows("queue-age-warning"));
		cases.add(invalid("otel.support-bundle.max-size", "10KB").showsValueAs("10240B").shows("at least 128KB"));
		cases.add(invalid("otel.support-bundle.log-lines", "0").shows("at least one log line"));
		cases.add(invalid("otel.support-bundle.max-log-line-length", "80").shows("at least 256"));
		// values Spring Boot cannot convert: its own report names the property
		cases.add(invalid("otel.metrics.naming", "prometheus").shows("Failed to bind"));
		cases.add(invalid("otel.logging.console.overflow", "block").shows("Failed to bind"));
		cases.add(invalid("otel.logging.console.format", "json").shows("Failed to bind"));
		cases.add(invalid("otel.redaction.replacement", "hash").shows("Failed to bind"));
		cases.add(invalid("otel.traces.export.max-queue-size", "lots").shows("Failed to bind"));
		cases.add(invalid("otel.exporter.otlp.timeout", "soon").shows("Failed to bind"));
		cases.add(invalid("otel.traces.sampler.arg", "a quarter").shows("Failed to bind"));
		// the OpenTelemetry environment variables
		cases.add(variable("OTEL_EXPORTER_OTLP_HEADERS", "cnryApiKeyWithoutName").secret("cnryApiKeyWithoutName")
			.shows("not a key=value pair"));
		cases.add(variable("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "api-key=cnry%zzKey").secret("cnry")
			.shows("percent-encoded"));
		cases.add(variable("OTEL_RESOURCE_ATTRIBUTES", "team=payments,=orphan").shows("not a key=value pair"));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void startupStopsWithAReportNamingThePropertyAndNoSecret(Case invalid, CapturedOutput output) {
		int before = output.toString().length();
		Throwable failure = catchThrowable(() -> invalid.start().close());
		assertThat(failure).as("startup failure").isNotNull();
		String printed = output.toString().substring(before);
		assertThat(printed).as("printed report").contains(REPORT);
		String report = printed.substring(printed.indexOf(REPORT));
		String description = report.substring(report.indexOf("Description:"), report.indexOf("Action:"));
		assertThat(description).contains(invalid.property);
		assertThat(report).as("the report as printed, not taken for a secret").doesNotContain("[REDACTED]");
		if (invalid.secrets.isEmpty() && invalid.shownValue != null) {
			assertThat(description).as("the value").contains(invalid.shownValue);
		}
		for (String shown : invalid.shown) {
			assertThat(report).contains(shown);
		}
		for (String secret : invalid.secrets) {
			assertThat(printed).as("everything printed").doesNotContain(secret);
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				assertThat(String.valueOf(cause)).as("message of %s", cause.getClass().getName())
					.doesNotContain(secret);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "otel.logging.protocol=http/protobuf", "otel.exporter.otlp.protocol=HTTP/Protobuf",
			"otel.traces.sampler=ParentBased_TraceIdRatio" })
	void theSpecificationSpellingsStartTheApplication(String setting) {
		int separator = setting.indexOf('=');
		Case valid = invalid(setting.substring(0, separator), setting.substring(separator + 1));
		assertThatNoException().isThrownBy(() -> valid.start().close());
	}

	@Test
	void aScrapePortInUseStopsStartupNamingTheProperty(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			Case invalid = invalid("otel.metrics.prometheus.port", String.valueOf(taken.getLocalPort()))
				.shows("cannot listen on it", "use a free port");
			startupStopsWithAReportNamingThePropertyAndNoSecret(invalid, output);
		}
	}

	private static Case invalid(String property, String value) {
		return new Case(property, Map.of(property, value), Map.of());
	}

	private static Case variable(String name, String value) {
		return new Case(name, Map.of(), Map.of(name, value));
	}

	/**
	 * One bad setting: the properties (or variables) that make it, the property the
	 * report must name, what else it must show and what it must never show.
	 */
	static final class Case {

		private final String value;

		private String property;

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private final Map<String, Object> variables;

		private String shownValue;

		private final List<String> shown = new ArrayList<>();

		private final List<String> secrets = new ArrayList<>();

		private WebApplicationType web = WebApplicationType.NONE;

		private String hiddenPackage;

		Case(String property, Map<String, String> properties, Map<String, String> variables) {
			this.property = property;
			this.properties.putAll(properties);
			this.variables = new LinkedHashMap<>(variables);
			this.value = String.join(",", properties.isEmpty() ? variables.values() : properties.values());
			this.shownValue = this.value;
		}

		/**
		 * The report shows the value so, e.g. as the type it was bound to; {@code null}
		 * when it shows none.
		 */
		Case showsValueAs(String shownValue) {
			this.shownValue = shownValue;
			return this;
		}

		Case with(String... properties) {
			for (String property : properties) {
				int equals = property.indexOf('=');
				this.properties.put(property.substring(0, equals), property.substring(equals + 1));
			}
			return this;
		}

		/** The report names the property so, e.g. without the map key's brackets. */
		Case named(String property) {
			this.property = property;
			return this;
		}

		Case shows(String... texts) {
			this.shown.addAll(List.of(texts));
			return this;
		}

		Case secret(String... secrets) {
			this.secrets.addAll(List.of(secrets));
			return this;
		}

		Case web() {
			this.web = WebApplicationType.SERVLET;
			this.properties.put("server.port", "0");
			return this;
		}

		Case hiding(String packageName) {
			this.hiddenPackage = packageName;
			return this;
		}

		AutoCloseable start() {
			SpringApplication application = new SpringApplication(CorpusApplication.class);
			application.setWebApplicationType(this.web);
			application.setDefaultProperties(this.properties);
			if (!this.variables.isEmpty()) {
				StandardEnvironment environment = new StandardEnvironment();
				environment.getPropertySources()
					.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new SystemEnvironmentPropertySource(
									StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, this.variables));
				application.setEnvironment(environment);
			}
			if (this.hiddenPackage != null) {
				application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(this.hiddenPackage)));
			}
			return application.run();
		}

		@Override
		public String toString() {
			String shownValue = this.secrets.isEmpty() ? this.value : "(secret)";
			return this.property + "=" + shownValue.replace("\r", "\\r").replace("\n", "\\n");
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CorpusApplication {

	}

}
