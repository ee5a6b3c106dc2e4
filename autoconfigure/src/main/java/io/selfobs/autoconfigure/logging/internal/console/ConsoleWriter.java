package io.selfobs.autoconfigure.logging.internal.console;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one thread that writes console lines. Logging threads only put an entry (a logging
 * event or a request event, encoded later) into a bounded queue and return; this thread
 * encodes a batch of entries into one reusable buffer and writes it with one
 * {@code write} call. When the queue is full (stdout is stalled or slower than the
 * service logs) the entry is dropped and counted, unless the appender was told to wait.
 * <p>
 * The writer never waits on the queue: a consumer blocked in {@code take} would make
 * every {@code offer} wake it, a system call and a context switch per line on the logging
 * thread, and batches of one line. While lines come it drains the queue every
 * {@link #LINGER_NANOS}; only once the queue stays empty it goes to sleep, and the first
 * line after that wakes it. Internal, not API.
 */
final class ConsoleWriter implements Runnable {

	/**
	 * Encodes one entry into the batch buffer.
	 */
	interface EntryEncoder {

		void encode(Object entry, ConsoleBuffer buffer);

		/**
		 * Encode the line that reports lines dropped since the previous report.
		 */
		void encodeDropReport(long dropped, ConsoleBuffer buffer);

	}

	/**
	 * Longest time the idle thread sleeps before it looks at its state again.
	 */
	private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	/**
	 * How long the thread lets lines gather after a write while lines are coming: the
	 * longest a line waits.
	 */
	static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * Write the buffer when it holds this many bytes, even in the middle of a batch.
	 */
	private static final int WRITE_THRESHOLD = 64 * 1024;

	private static final int MAX_BATCH_LINES = 512;

	private final BlockingQueue<Object> queue;

	private final Supplier<OutputStream> target;

	private final EntryEncoder encoder;

	private final boolean waitWhenFull;

	private final ConsoleDrops drops;

	private final Thread thread;

	private final ConsoleBuffer buffer = new ConsoleBuffer();

	private final List<Object> batch = new ArrayList<>(MAX_BATCH_LINES);

	private volatile boolean closing;

	/**
	 * Whether the thread sleeps until woken: set only after the queue was found empty
	 * twice in a row.
	 */
	private volatile boolean sleeping;

	/**
	 * Entries accepted into the queue, and entries taken from it and written (or failed),
	 * for {@link #flush}.
	 */
	private final AtomicLong accepted = new AtomicLong();

	private volatile long handled;

	private long reportedDrops;

	ConsoleWriter(int capacity, boolean waitWhenFull, Supplier<OutputStream> target, EntryEncoder encoder,
			ConsoleDrops drops) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.target = target;
		this.encoder = encoder;
		this.waitWhenFull = waitWhenFull;
		this.drops = drops;
		this.reportedDrops = drops.total();
		this.thread = new Thread(this, "selfobs-console-writer");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Hand an entry to the writer; never blocks unless the appender was configured to
	 * wait.
	 * @param entry a prepared logging event or a request event
	 */
	void offer(Object entry) {
		if (this.closing) {
			this.drops.dropped(ConsoleDrops.Reason.SHUTDOWN);
			return;
		}
		if (this.waitWhenFull) {
			try {
				this.queue.put(entry);
				this.accepted.incrementAndGet();
				if (this.sleeping) {
					LockSupport.unpark(this.thread);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.drops.dropped(ConsoleDrops.Reason.QUEUE_FULL);
			}
			return;
		}
		if (this.queue.offer(entry)) {
			this.accepted.incrementAndGet();
			if (this.sleeping) {
				LockSupport.unpark(this.thread);
			}
		}
		else {
			this.drops.dropped(ConsoleDrops.Reason.QUEUE_FULL);
		}
	}

	/**
	 * Wait until every entry accepted so far is written, at most the timeout.
	 * @param timeout how long to wait
	 * @return whether everything was written
	 */
	boolean flush(Duration timeout) {
		long target = this.accepted.get();
		long deadline = System.nanoTime() + timeout.toNanos();
		LockSupport.unpark(this.thread);
		while (this.handled < target) {
			if (System.nanoTime() - deadline >= 0 || !this.thread.isAlive() || Thread.currentThread() == this.thread) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		return true;
	}

	/**
	 * Write what is queued and stop, waiting at most the timeout: with a stalled stdout
	 * what is still queued then is counted as dropped, and the (daemon) thread does not
	 * hold up the JVM.
	 * @param timeout how long to wait for the queue to drain
	 * @return whether everything queued was written
	 */
	boolean close(Duration timeout) {
		this.closing = true;
		if (Thread.currentThread() == this.thread) {
			return false;
		}
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			int left = this.queue.size();
			this.queue.clear();
			this.drops.dropped(ConsoleDrops.Reason.SHUTDOWN, left);
			return false;
		}
		return true;
	}

	@Override
	public void run() {
		boolean wroteLastTime = false;
		while (true) {
			// An interrupt is not a reason to stop (only close() ends this thread, after
			// the queue is written), and
			// left set it would turn every park into a spin
			Thread.interrupted();
			if (this.queue.drainTo(this.batch, MAX_BATCH_LINES) > 0) {
				writeBatch();
				wroteLastTime = true;
				if (!this.closing) {
					LockSupport.parkNanos(this, LINGER_NANOS);
				}
				continue;
			}
			if (this.closing) {
				return;
			}
			if (wroteLastTime) {
				// Lines may still be coming: look once more after the linger before
				// sleeping
				wroteLastTime = false;
				LockSupport.parkNanos(this, LINGER_NANOS);
				continue;
			}
			this.sleeping = true;
			if (this.queue.isEmpty() && !this.closing) {
				LockSupport.parkNanos(this, IDLE_POLL_NANOS);
			}
			this.sleeping = false;
		}
	}

	private void writeBatch() {
		OutputStream out = this.target.get();
		int written = this.batch.size();
		for (Object entry : this.batch) {
			try {
				this.encoder.encode(entry, this.buffer);
			}
			catch (RuntimeException ex) {
				// An event its encoder cannot handle is lost, not the whole batch
				this.drops.dropped(ConsoleDrops.Reason.ENCODING_FAILED);
			}
			if (this.buffer.size() >= WRITE_THRESHOLD) {
				this.buffer.writeTo(out);
			}
		}
		this.batch.clear();
		long total = this.drops.total();
		if (total != this.reportedDrops) {
			this.encoder.encodeDropReport(total - this.reportedDrops, this.buffer);
			this.reportedDrops = total;
		}
		this.buffer.writeTo(out);
		this.buffer.trim();
		this.handled += written;
	}

}
