package io.selfobs.benchmarks;

import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Marker;

/**
 * What one disabled-level check ({@code logger.isDebugEnabled()}, which Spring, Tomcat
 * and the application make many times per request) costs in logback as Spring Boot sets
 * it up with Micrometer's {@code logback.events} counter (a turbo filter), alone
 * ({@code micrometer}) and with a second turbo filter that answers {@code NEUTRAL} at
 * once under WARN ({@code micrometer+warning-filter}, what selfobs' SDK warning filter
 * was): logback asks every turbo filter on every log call and level check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogLevelCheckBenchmark {

	@Param({ "micrometer", "micrometer+warning-filter" })
	public String turboFilters;

	private Logger logger;

	@Setup
	public void setUp() {
		LoggerContext context = new LoggerContext();
		new LogbackMetrics(Tags.empty(), context).bindTo(new SimpleMeterRegistry());
		if (this.turboFilters.endsWith("+warning-filter")) {
			TurboFilter filter = new TurboFilter() {

				@Override
				public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
						Throwable t) {
					// What the SDK warning filter answered at once for any level under
					// WARN
					return FilterReply.NEUTRAL;
				}

			};
			filter.setContext(context);
			filter.start();
			context.addTurboFilter(filter);
		}
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
		this.logger = context.getLogger("org.springframework.web.servlet.DispatcherServlet");
	}

	@Benchmark
	public boolean debugCheck() {
		return this.logger.isDebugEnabled();
	}

}
