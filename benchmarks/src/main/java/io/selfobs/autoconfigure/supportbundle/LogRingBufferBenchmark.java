package io.selfobs.autoconfigure.supportbundle;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the support bundle's in-memory log ring costs the thread that logs: one append of
 * an INFO event with two arguments and an MDC, as every log line pays while the
 * {@code supportbundle} endpoint is exposed. In the auto-configuration's package because
 * the ring is internal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogRingBufferBenchmark {

	private LogRingBuffer ring;

	private LoggingEvent event;

	@Setup
	public void setUp() {
		LoggerContext context = new LoggerContext();
		Logger logger = context.getLogger("io.selfobs.bench");
		this.ring = new LogRingBuffer(2000, 8192);
		this.ring.setContext(context);
		this.ring.start();
		this.event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "Certificate issued for {} in {} ms",
				null, new Object[] { "device-0042", 12 });
		this.event
			.setMDCPropertyMap(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"));
		// The console encoder formats the message anyway; the ring reuses it
		this.event.getFormattedMessage();
	}

	@Benchmark
	public LogRingBuffer append() {
		this.ring.doAppend(this.event);
		return this.ring;
	}

}
