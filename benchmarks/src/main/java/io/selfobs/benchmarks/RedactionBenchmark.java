package io.selfobs.benchmarks;

import java.util.concurrent.TimeUnit;

import io.selfobs.autoconfigure.redaction.Redactor;
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
 * Cost of the redaction every log line, span attribute and metric tag goes through, with
 * the default rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactionBenchmark {

	/**
	 * A typical 200-character request log line: ids, a URL, key=value fields, no secret.
	 */
	static final String CLEAN_LINE = "GET /api/v1/orders/7f3e2a1c-0b4d-4e8f-9a6b-2c1d3e4f5a6b completed: "
			+ "status=200 duration=12ms user_id=42 trace_id=4bf92f3577b34da6a3ce929d0e0e4736 region=eu-west-1 "
			+ "cache=hit, retries=0 client=web-app-01";

	/** The same kind of line, same length, carrying a bearer token in a header dump. */
	static final String SECRET_LINE = "POST /api/v1/orders/7f3e2a1c-0b4d-4e8f-9a6b-2c1d3e4f5a6b failed: "
			+ "status=401 duration=9ms trace_id=4bf92f3577b34da6a3ce929d0e0e4736 region=eu-w-1 "
			+ "Authorization: Bearer 9f86d081884c7d659a2feaa0c55ad015a";

	private final Redactor redactor = Redactor.builder().build();

	@Setup
	public void checkInputs() {
		check(CLEAN_LINE, this.redactor.redact(CLEAN_LINE).equals(CLEAN_LINE));
		check(SECRET_LINE, !this.redactor.redact(SECRET_LINE).equals(SECRET_LINE));
	}

	private static void check(String line, boolean expected) {
		if (line.length() != 200 || !expected) {
			throw new IllegalStateException("Unexpected benchmark input (" + line.length() + " chars): " + line);
		}
	}

	@Benchmark
	public String redactCleanLine() {
		return this.redactor.redact(CLEAN_LINE);
	}

	@Benchmark
	public String redactLineWithSecret() {
		return this.redactor.redact(SECRET_LINE);
	}

	@Benchmark
	public String redactValueOfCleanKey() {
		return this.redactor.redactValue("http.route", "/api/v1/orders/{orderId}");
	}

}
