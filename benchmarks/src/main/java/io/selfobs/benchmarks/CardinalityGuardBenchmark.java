package io.selfobs.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.selfobs.autoconfigure.metrics.internal.CardinalityLimitMeterFilter;
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
 * Cost of the cardinality guard ({@link CardinalityLimitMeterFilter}, default cap of 100
 * values per tag) on a meter id shaped like {@code http.server.requests}: with a tag
 * value it has already admitted, and with a new value once the cap is reached (what an
 * unbounded tag, such as a raw path, produces on every request). Micrometer consults
 * meter filters when it meets an id it has not seen before, not on every recording.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CardinalityGuardBenchmark {

	private static final int CAP = 100;

	private final CardinalityLimitMeterFilter filter = new CardinalityLimitMeterFilter(CAP);

	private final Meter.Id known = id("/items/{id}");

	private final Meter.Id[] overCap = new Meter.Id[1024];

	@Setup
	public void fillToTheCap() {
		for (int i = 0; i < CAP - 1; i++) {
			this.filter.map(id("/route/" + i));
		}
		this.filter.map(this.known);
		for (int i = 0; i < this.overCap.length; i++) {
			this.overCap[i] = id("/raw/path/" + i);
		}
		if (!"OTHER".equals(this.filter.map(this.overCap[0]).getTag("uri"))) {
			throw new IllegalStateException("the cap was not reached");
		}
	}

	private static Meter.Id id(String uri) {
		return new Meter.Id("http.server.requests",
				Tags.of("exception", "none", "method", "GET", "outcome", "SUCCESS", "status", "200", "uri", uri), null,
				null, Meter.Type.TIMER);
	}

	@Benchmark
	public Meter.Id knownValue() {
		return this.filter.map(this.known);
	}

	@Benchmark
	public Meter.Id newValueOverTheCap(Counter counter) {
		return this.filter.map(this.overCap[counter.next()]);
	}

	/**
	 * Walks through distinct ids, so each call sees a value the guard has not admitted.
	 */
	@State(Scope.Thread)
	public static class Counter {

		private int next;

		int next() {
			this.next = (this.next + 1) & 1023;
			return this.next;
		}

	}

}
