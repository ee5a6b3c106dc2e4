package io.selfobs.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvServerRequestObservationConvention;
import io.selfobs.autoconfigure.tracing.internal.HttpServerSpanHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * One servlet server observation through selfobs' server span handler, as a request runs
 * it: started, its route set, stopped, the span named and tagged with the HTTP semantic
 * conventions' attributes and ended (recorded by the SDK, exported nowhere). The
 * observation context and the mock request are made per operation in every variant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerSpanBenchmark {

	private final SemconvServerRequestObservationConvention convention = new SemconvServerRequestObservationConvention();

	private SdkTracerProvider tracerProvider;

	private ObservationRegistry registry;

	@Setup
	public void setUp() {
		this.tracerProvider = SdkTracerProvider.builder().build();
		io.opentelemetry.api.trace.Tracer otelTracer = this.tracerProvider.get("bench");
		OtelTracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), (event) -> {
		});
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
		this.registry = ObservationRegistry.create();
		this.registry.observationConfig().observationHandler(new HttpServerSpanHandler(tracer, propagator));
	}

	@TearDown
	public void tearDown() {
		this.tracerProvider.close();
	}

	@Benchmark
	public ServerRequestObservationContext request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/db/42");
		request.addHeader("User-Agent", "wrk/4.1.0");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		Observation observation = Observation
			.createNotStarted(this.convention, this.convention, () -> context, this.registry)
			.start();
		context.setPathPattern("/db/{id}");
		observation.stop();
		return context;
	}

}
