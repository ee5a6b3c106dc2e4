package io.selfobs.benchmarks;

import java.util.concurrent.TimeUnit;

import io.selfobs.autoconfigure.jdbc.internal.SqlSanitizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of stripping literals from a JDBC statement for its span ({@code jdbc.query[0]}),
 * once per statement executed: a statement the application runs over and over (answered
 * from the bounded cache), and one seen for the first time (a full scan).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlSanitizerBenchmark {

	static final String STATEMENT = "SELECT o.id, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
			+ "WHERE c.email = 'alice@example.com' AND o.created > '2026-01-01' AND o.total >= 100.50 LIMIT 20";

	private final SqlSanitizer sanitizer = new SqlSanitizer();

	@Benchmark
	public String repeatedStatement() {
		return this.sanitizer.sanitize(STATEMENT);
	}

	@Benchmark
	public String newStatement() {
		return SqlSanitizer.stripLiterals(STATEMENT);
	}

}
