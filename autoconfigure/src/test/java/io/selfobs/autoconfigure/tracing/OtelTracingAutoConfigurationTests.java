package io.selfobs.autoconfigure.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpAutoConfiguration;
import io.selfobs.autoconfigure.otlp.internal.OtlpExporters.OtlpSpanExporter;
import io.selfobs.autoconfigure.otlp.internal.config.InvalidOtelPropertyFailureAnalyzer;
import io.selfobs.autoconfigure.otlp.internal.config.OtelEnvironmentPostProcessor;
import io.selfobs.autoconfigure.redaction.RedactionAutoConfiguration;
import io.selfobs.autoconfigure.redaction.RedactionCanaries;
import io.selfobs.autoconfigure.test.OtlpReceiver;
import io.selfobs.autoconfigure.tracing.internal.SpringSecurityObservationPredicate;
import io.selfobs.autoconfigure.tracing.internal.TracingEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class OtelTracingAutoConfigurationTests {

	private static final String MASK = "[REDACTED]";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withInitializer(
			(context) -> new TracingEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), null))
		.withConfiguration(AutoConfigurations.of(OtlpAutoConfiguration.class, OtelTracingAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				OtlpTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, OtelTracingObservationAutoConfiguration.class));

	private final ApplicationContextRunner exportingWithRedaction = this.runner
		.withConfiguration(AutoConfigurations.of(RedactionAutoConfiguration.class))
		.withBean(CapturingSpanExporter.class, CapturingSpanExporter::new);

	@Test
	void springSecurityPerRequestObservationsAreOffByDefaultAndAuthenticationStays() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			assertThat(List.of("spring.security.filterchains", "spring.security.http.secured.requests",
					"spring.security.authorizations"))
				.allSatisfy((name) -> assertThat(Observation.start(name, registry).isNoop()).as(name).isTrue());
			assertThat(Observation.start("spring.security.authentications", registry).isNoop()).isFalse();
			assertThat(Observation.start("http.server.requests", registry).isNoop()).isFalse();
		});
	}

	@Test
	void springSecurityObservationsComeBackWithTheProperty() {
		this.runner.withPropertyValues("otel.traces.spring-security.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(SpringSecurityObservationPredicate.class);
			assertThat(Observation.start("spring.security.filterchains", context.getBean(ObservationRegistry.class))
				.isNoop()).isFalse();
		});
	}

	@Test
	void samplesEveryNewTraceAndFollowsTheCallerByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
			.isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription()));
	}

	@Test
	void samplerAndItsArgumentComeFromProperties() {
		this.runner.withPropertyValues("otel.traces.sampler=parentbased_traceidratio", "otel.traces.sampler.arg=0.25")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)).getDescription()));
	}

	@Test
	void samplerAndItsArgumentComeFromTheStandardEnvironmentVariables() {
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.5"))))
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo(Sampler.traceIdRatioBased(0.5).getDescription()));
	}

	/**
	 * Spring Boot 4.1 maps OTEL_SDK_DISABLED=true onto
	 * management.opentelemetry.enabled=false and then builds no tracer provider and no
	 * span exporters, so selfobs adds no span processor; the application must still
	 * start.
	 */
	@Test
	void noSpanProcessorWhereSpringBootsOpenTelemetryIsDisabled() {
		this.runner.withPropertyValues("management.opentelemetry.enabled=false", "otel.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("otlpSpansShutdownTask"));
	}

	@Test
	void unknownSamplerStopsStartupNamingThePropertyAndTheChoices() {
		this.runner.withPropertyValues("otel.traces.sampler=jaeger_remote")
			.run((context) -> assertThat(analyze(context).getAction()).contains("otel.traces.sampler")
				.contains("parentbased_traceidratio"));
	}

	@Test
	void samplerNamesBindInAnyCase() {
		this.runner.withPropertyValues("otel.traces.sampler=ALWAYS_OFF")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo(Sampler.alwaysOff().getDescription()));
	}

	@Test
	void samplerArgumentThatIsNotANumberStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("otel.traces.sampler=traceidratio", "otel.traces.sampler.arg=half")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof BindException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(BindException.class);
				assertThat(((BindException) failure).getName()).hasToString("otel.traces.sampler.arg");
			});
	}

	@Test
	void samplerArgumentOutsideZeroToOneStopsStartup() {
		this.runner.withPropertyValues("otel.traces.sampler=traceidratio", "otel.traces.sampler.arg=1.5")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("otel.traces.sampler.arg")
				.contains("1.5"));
	}

	@Test
	void nonPositiveShutdownBudgetStopsStartup() {
		this.runner.withPropertyValues("otel.exporter.otlp.shutdown-timeout=0s")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("otel.exporter.otlp.shutdown-timeout"));
	}

	@Test
	void batchLargerThanQueueStopsStartup() {
		this.runner.withPropertyValues("otel.traces.export.max-queue-size=10", "otel.traces.export.max-batch-size=20")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("otel.traces.export.max-batch-size"));
	}

	@Test
	void invalidExcludedPathStopsStartup() {
		this.runner.withPropertyValues("otel.traces.excluded-paths=livez")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("otel.traces.excluded-paths[0]"));
	}

	@Test
	void noDestinationMeansNoExporterWhileTracingStillWorks() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(OtlpSpanExporter.class);
			assertThat(context).hasSingleBean(Tracer.class);
		});
	}

	@Test
	void destinationExportsOverHttpProtobufByDefaultAndGrpcWhenAsked() {
		this.runner.withPropertyValues("otel.traces.endpoint=http://collector:4318").run((context) -> {
			OtlpSpanExporter exporter = context.getBean(OtlpSpanExporter.class);
			assertThat(exporter.getDestination().endpoint()).hasToString("http://collector:4318/v1/traces");
			assertThat(exporter.getDestination().transport()).isEqualTo("http/protobuf");
		});
		this.runner
			.withPropertyValues("otel.exporter.otlp.endpoint=http://collector:4317", "otel.exporter.otlp.protocol=grpc")
			.run((context) -> assertThat(context.getBean(OtlpSpanExporter.class).getDestination().transport())
				.isEqualTo("grpc"));
	}

	@Test
	void springBootsOwnOtlpExporterNeverSendsWhereSelfobsWasNotTold() {
		this.runner.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://other:4318")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
				assertThat(context).doesNotHaveBean(OtlpGrpcSpanExporter.class);
			});
	}

	@Test
	void exportSwitchedOffKeepsW3cAndB3PropagationAndTheExportQueue() {
		this.runner.withPropertyValues("otel.traces.enabled=false", "otel.traces.endpoint=http://collector:4318")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OtlpSpanExporter.class);
				assertThat(context).hasSingleBean(BatchSpanProcessor.class).hasBean("selfobsSpanProcessor");
				ContextPropagators propagators = context.getBean(ContextPropagators.class);
				assertThat(propagators.getTextMapPropagator().fields()).contains("traceparent", "tracestate",
						"baggage");
				Context b3 = propagators.getTextMapPropagator()
					.extract(Context.root(), Map.of("b3", "463ac35c9f6413ad48485a3953bb6124-0020000000000001-1"),
							MapGetter.INSTANCE);
				assertThat(Span.fromContext(b3).getSpanContext().getTraceId())
					.isEqualTo("463ac35c9f6413ad48485a3953bb6124");
			});
	}

	@Test
	void propagatorsVariableChangesWhatIsInjected() {
		this.runner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("OTEL_PROPAGATORS", "b3multi")));
			// Boot 4.1 maps the real process environment itself; here selfobs maps the
			// test's on every line
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("application",
						Map.of("management.opentelemetry.map-environment-variables", "false")));
			new OtelEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), null);
		})
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.contains("X-B3-TraceId")
				.doesNotContain("traceparent"));
	}

	@Test
	void userSamplerWins() {
		this.runner.withBean(Sampler.class, Sampler::alwaysOff)
			.run((context) -> assertThat(context.getBean(Sampler.class)).isSameAs(Sampler.alwaysOff()));
	}

	@Test
	void everySpanPassesTheRedactorBeforeAnyExporterSeesIt() {
		this.exportingWithRedaction.withPropertyValues("otel.redaction.value-patterns=s3cr3t").run((context) -> {
			SpanData exported = exportOneSpan(context, new IllegalStateException("password s3cr3t rejected"));
			assertThat(exported.getAttributes().get(AttributeKey.stringKey("auth.token"))).isEqualTo(MASK);
			assertThat(exported.getAttributes().get(AttributeKey.stringKey("http.request.header.authorization")))
				.isEqualTo("Basic " + MASK);
			assertThat(exported.getStatus().getDescription()).isEqualTo("password " + MASK + " rejected");
			List<String> events = exported.getEvents()
				.stream()
				.map(EventData::getAttributes)
				.map(Object::toString)
				.toList();
			assertThat(events).hasSize(2).noneMatch((event) -> event.contains("s3cr3t"));
			assertThat(events.get(0)).isEqualTo("{token=\"" + MASK + "\"}");
			assertThat(events.get(1)).contains("exception.message=\"password " + MASK + " rejected\"");
		});
	}

	@Test
	void exceptionMessagesRecordedOnSpansAreRedactedByTheDefaultRules() {
		this.exportingWithRedaction.run((context) -> {
			SpanData exported = exportOneSpan(context, new IllegalStateException("failed: " + RedactionCanaries.JWT));
			assertThat(exported.getEvents().get(1).getAttributes().get(AttributeKey.stringKey("exception.message")))
				.isEqualTo("failed: " + MASK);
			assertThat(exported.toString()).doesNotContain(RedactionCanaries.JWT);
		});
	}

	@Test
	void redactionSwitchedOffExportsSpansUnchanged() {
		this.exportingWithRedaction.withPropertyValues("otel.redaction.enabled=false").run((context) -> {
			SpanData exported = exportOneSpan(context, new IllegalStateException("password s3cr3t rejected"));
			assertThat(exported.getAttributes().get(AttributeKey.stringKey("auth.token"))).isEqualTo("abc123");
			assertThat(exported.getStatus().getDescription()).isEqualTo("password s3cr3t rejected");
		});
	}

	@Test
	void withoutTheRedactionAutoConfigurationTheDefaultRulesStillApply() {
		this.runner.withBean(CapturingSpanExporter.class, CapturingSpanExporter::new).run((context) -> {
			SpanData exported = exportOneSpan(context, new IllegalStateException("rejected"));
			assertThat(exported.getAttributes().get(AttributeKey.stringKey("auth.token"))).isEqualTo(MASK);
		});
	}

	@Test
	void springBootsSpanProcessorBacksOffForThePipelineThatFeedsEveryExporterBean() {
		this.exportingWithRedaction.withPropertyValues("otel.traces.endpoint=http://localhost:1").run((context) -> {
			assertThat(context).hasSingleBean(BatchSpanProcessor.class)
				.hasBean("selfobsSpanProcessor")
				.doesNotHaveBean("otelSpanProcessor")
				.hasSingleBean(OtlpSpanExporter.class)
				.hasSingleBean(CapturingSpanExporter.class);
			assertThat(context.getBean(SdkTracerProvider.class).toString()).containsOnlyOnce("BatchSpanProcessor");
		});
	}

	@Test
	void aUserBatchSpanProcessorReplacesThePipelineAndSpringBootsProcessor() {
		this.runner
			.withBean("userSpanProcessor", BatchSpanProcessor.class,
					() -> BatchSpanProcessor.builder(new CapturingSpanExporter()).build())
			.run((context) -> assertThat(context).hasSingleBean(BatchSpanProcessor.class).hasBean("userSpanProcessor"));
	}

	@Test
	void aBatchSpanProcessorCustomizerIsAppliedToThePipeline() {
		ApplicationContextRunner recordOnly = this.exportingWithRedaction.withBean(Sampler.class,
				RecordOnlySampler::new);
		recordOnly.run((context) -> assertThat(endOneSpan(context)).isEmpty());
		recordOnly
			.withBean(BatchSpanProcessorBuilderCustomizer.class,
					() -> (builder) -> builder.setExportUnsampledSpans(true))
			.run((context) -> assertThat(endOneSpan(context)).singleElement()
				.satisfies((span) -> assertThat(span.getName()).isEqualTo("login")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void springBootsOtlpExporterCustomizersApplyToSelfobsOtlpSpanExporter(String protocol) {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			boolean grpc = protocol.equals("grpc");
			this.exportingWithRedaction
				.withPropertyValues("otel.exporter.otlp.protocol=" + protocol,
						"otel.exporter.otlp.endpoint=" + (grpc ? receiver.grpcEndpoint() : receiver.httpEndpoint()))
				.withBean(OtlpHttpSpanExporterBuilderCustomizer.class,
						() -> (builder) -> builder.addHeader("x-customized", "http"))
				.withBean(OtlpGrpcSpanExporterBuilderCustomizer.class,
						() -> (builder) -> builder.addHeader("x-customized", "grpc"))
				.run((context) -> {
					SpanData captured = exportOneSpan(context, new IllegalStateException("rejected"));
					assertThat(captured.getAttributes().get(AttributeKey.stringKey("auth.token"))).isEqualTo(MASK);
					OtlpReceiver.Received received = receiver.awaitReceived(ExportTraceServiceRequest.class,
							Duration.ofSeconds(30));
					assertThat(received.headers()).containsEntry("x-customized", grpc ? "grpc" : "http");
					assertThat(received.message().toString()).contains("login").contains(MASK).doesNotContain("abc123");
				});
		}
	}

	/**
	 * Ends a span and returns what the user's exporter received after a flush.
	 */
	private static List<SpanData> endOneSpan(AssertableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).get("test").spanBuilder("login").startSpan().end();
		context.getBean(BatchSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS);
		return List.copyOf(context.getBean(CapturingSpanExporter.class).spans());
	}

	/**
	 * Records every span without sampling it, so only a processor that exports unsampled
	 * spans passes it on.
	 */
	private static final class RecordOnlySampler implements Sampler {

		@Override
		public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
				Attributes attributes, List<LinkData> parentLinks) {
			return SamplingResult.recordOnly();
		}

		@Override
		public String getDescription() {
			return "RecordOnly";
		}

	}

	@Test
	void userSpanPredicatesFiltersAndReportersSeeEverySpanBeforeExport() {
		List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.exportingWithRedaction
			.withBean(SpanExportingPredicate.class, () -> (span) -> !span.getName().equals("health"))
			.withBean(SpanFilter.class, () -> (span) -> span.setName("user " + span.getName()))
			.withBean(SpanReporter.class, () -> new SpanReporter() {

				@Override
				public void report(FinishedSpan span) {
					reported.add(span.getName() + " " + span.getTags().get("auth.token"));
				}

				@Override
				public void close() {
				}

			})
			.run((context) -> {
				SpanData exported = exportOneSpan(context, new IllegalStateException("rejected"));
				Span health = context.getBean(SdkTracerProvider.class).get("test").spanBuilder("health").startSpan();
				health.end();
				context.getBean(BatchSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(context.getBean(CapturingSpanExporter.class).spans()).extracting(SpanData::getName)
					.containsExactly("user login");
				assertThat(exported.getAttributes().get(AttributeKey.stringKey("auth.token"))).isEqualTo(MASK);
				assertThat(reported).containsExactly("user login " + MASK);
			});
	}

	@Test
	void withoutPredicatesFiltersOrReportersExportersReceiveTheRecordedSpans() {
		this.runner.withBean(CapturingSpanExporter.class, CapturingSpanExporter::new)
			.withPropertyValues("otel.redaction.enabled=false")
			.withConfiguration(AutoConfigurations.of(RedactionAutoConfiguration.class))
			.run((context) -> {
				SpanData exported = exportOneSpan(context, new IllegalStateException("rejected"));
				assertThat(exported.getClass().getName()).startsWith("io.opentelemetry.sdk.");
			});
	}

	/**
	 * Ends a span carrying secrets in an attribute, an event attribute, an exception and
	 * the status, and returns it as the user's exporter received it.
	 */
	private static SpanData exportOneSpan(AssertableApplicationContext context, Exception exception) {
		Span span = context.getBean(SdkTracerProvider.class).get("test").spanBuilder("login").startSpan();
		span.setAttribute("auth.token", "abc123");
		span.setAttribute("http.request.header.authorization", "Basic abc");
		span.addEvent("retry", io.opentelemetry.api.common.Attributes.of(AttributeKey.stringKey("token"), "t"));
		span.recordException(exception);
		span.setStatus(StatusCode.ERROR, exception.getMessage());
		span.end();
		context.getBean(BatchSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(CapturingSpanExporter.class).spans().get(0);
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		assertThat(failure).hasRootCauseInstanceOf(InvalidOtelPropertyException.class);
		return new InvalidOtelPropertyFailureAnalyzer().analyze(failure);
	}

	private enum MapGetter implements TextMapGetter<Map<String, String>> {

		INSTANCE;

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	}

}
