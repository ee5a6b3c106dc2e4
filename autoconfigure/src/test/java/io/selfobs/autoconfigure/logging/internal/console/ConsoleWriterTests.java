package io.selfobs.autoconfigure.logging.internal.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console writer against a real OS pipe: while nobody reads it, logging threads never
 * wait and what does not fit is dropped and counted; once it is read again every queued
 * line arrives, followed by the drop report; a close writes everything queued, and gives
 * up after its timeout when the pipe stays stalled.
 */
class ConsoleWriterTests {

	@Test
	void aStalledPipeNeverBlocksTheLoggingThreadAndDropsAreCountedThenReported() throws Exception {
		Pipe pipe = Pipe.open();
		ConsoleDrops drops = new ConsoleDrops();
		ConsoleWriter writer = new ConsoleWriter(100, false, () -> Channels.newOutputStream(pipe.sink()),
				new LineEncoder(), drops);
		writer.start();
		// 20 000 lines of 100 bytes: far more than the pipe buffer and the queue hold
		CompletableFuture<Void> logging = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 20_000; i++) {
				writer.offer(line(i));
			}
		});
		logging.get(60, TimeUnit.SECONDS);
		assertThat(drops.count(ConsoleDrops.Reason.QUEUE_FULL)).isPositive();

		ByteArrayOutputStream read = new ByteArrayOutputStream();
		CompletableFuture<Void> reader = drain(Channels.newInputStream(pipe.source()), read);
		// Once everything not dropped is read, the writer has caught up
		assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
		writer.offer("after the stall\n");
		assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
		pipe.sink().close();
		reader.get(30, TimeUnit.SECONDS);

		List<String> lines = read.toString(StandardCharsets.UTF_8).lines().toList();
		long written = lines.stream().filter((line) -> line.startsWith("line ")).count();
		assertThat(written + drops.count(ConsoleDrops.Reason.QUEUE_FULL)).isEqualTo(20_000);
		assertThat(lines).contains("after the stall");
		long reported = lines.stream()
			.filter((line) -> line.startsWith("dropped "))
			.mapToLong((line) -> Long.parseLong(line.substring("dropped ".length())))
			.sum();
		assertThat(reported).isEqualTo(drops.count(ConsoleDrops.Reason.QUEUE_FULL));
		assertThat(lines).allMatch((line) -> line.length() == 99 || !line.startsWith("line "));
	}

	@Test
	void closeWritesEverythingQueued() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ConsoleDrops drops = new ConsoleDrops();
		ConsoleWriter writer = new ConsoleWriter(10_000, false, () -> out, new LineEncoder(), drops);
		writer.start();
		for (int i = 0; i < 10_000; i++) {
			writer.offer(line(i));
		}
		assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(10_000).first().isEqualTo(line(0).strip());
		assertThat(lines.get(9_999)).isEqualTo(line(9_999).strip());
		assertThat(drops.total()).isZero();
	}

	@Test
	void closeGivesUpOnAStalledPipeAndCountsWhatIsLeft() throws Exception {
		Pipe pipe = Pipe.open();
		ConsoleDrops drops = new ConsoleDrops();
		ConsoleWriter writer = new ConsoleWriter(10_000, false, () -> Channels.newOutputStream(pipe.sink()),
				new LineEncoder(), drops);
		writer.start();
		for (int i = 0; i < 10_000; i++) {
			writer.offer(line(i));
		}
		assertThat(writer.close(Duration.ofMillis(500))).isFalse();
		assertThat(drops.count(ConsoleDrops.Reason.SHUTDOWN)).isPositive();
		writer.offer(line(10_000));
		assertThat(drops.count(ConsoleDrops.Reason.SHUTDOWN)).isGreaterThan(1);
		pipe.source().close();
	}

	@Test
	void waitingWriterLosesNothingWithASlowReader() throws Exception {
		Pipe pipe = Pipe.open();
		ConsoleDrops drops = new ConsoleDrops();
		ConsoleWriter writer = new ConsoleWriter(10, true, () -> Channels.newOutputStream(pipe.sink()),
				new LineEncoder(), drops);
		writer.start();
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		CompletableFuture<Void> reader = drain(Channels.newInputStream(pipe.source()), read);
		for (int i = 0; i < 5_000; i++) {
			writer.offer(line(i));
		}
		assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
		pipe.sink().close();
		reader.get(30, TimeUnit.SECONDS);
		assertThat(read.toString(StandardCharsets.UTF_8).lines()).hasSize(5_000);
		assertThat(drops.total()).isZero();
	}

	@Test
	void utf8IsEncodedLikeTheJdk() {
		ConsoleBuffer buffer = new ConsoleBuffer();
		String text = "ascii é € 𝄞 \uD800 end";
		buffer.appendUtf8(text);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		buffer.writeTo(out);
		assertThat(out.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String line(int i) {
		String prefix = "line " + i + " ";
		return prefix + "x".repeat(99 - prefix.length()) + "\n";
	}

	private static CompletableFuture<Void> drain(InputStream in, ByteArrayOutputStream into) {
		return CompletableFuture.runAsync(() -> {
			try {
				in.transferTo(into);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/**
	 * Entries are the lines themselves.
	 */
	private static final class LineEncoder implements ConsoleWriter.EntryEncoder {

		@Override
		public void encode(Object entry, ConsoleBuffer buffer) {
			buffer.appendUtf8((String) entry);
		}

		@Override
		public void encodeDropReport(long dropped, ConsoleBuffer buffer) {
			buffer.appendUtf8("dropped " + dropped + "\n");
		}

	}

}
