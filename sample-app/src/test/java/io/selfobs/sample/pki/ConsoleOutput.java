package io.selfobs.sample.pki;

import java.time.Duration;
import java.util.function.Predicate;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * Reads what the application wrote to stdout since a point, once it is there: selfobs
 * writes console lines on their own thread, a few milliseconds after the request that
 * logged them has been answered.
 */
public final class ConsoleOutput {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final long QUIET_MILLIS = 100;

	private ConsoleOutput() {
	}

	/**
	 * Wait until the output written since {@code start} satisfies {@code ready} and then
	 * stays unchanged for a moment (lines logged together have landed), at most ten
	 * seconds.
	 * @param output the captured output
	 * @param start where to read from, a length of {@link CapturedOutput#getOut()} taken
	 * earlier
	 * @param ready what the output must show
	 * @return the output since {@code start}
	 */
	public static String since(CapturedOutput output, int start, Predicate<String> ready) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		String seen = output.getOut().substring(start);
		while (System.nanoTime() < deadline) {
			Thread.sleep(QUIET_MILLIS);
			String now = output.getOut().substring(start);
			if (ready.test(now) && now.length() == seen.length()) {
				return now;
			}
			seen = now;
		}
		return seen;
	}

}
