package io.selfobs.autoconfigure.worker;

import java.util.function.Supplier;

/**
 * A durable processing queue (an outbox table, a job table, a directory of files) whose
 * depth and oldest-item age an operator needs to see. Declare one as a bean, or register
 * it with {@link WorkerRegistry#register(DurableQueue)}, and it gets the gauges
 * {@code selfobs.queue.depth} and {@code selfobs.queue.oldest.age} tagged {@code queue},
 * a row on the System Health page and a section in the support bundle.
 * <p>
 * {@link #backlog()} may be expensive (a {@code count(*)} query): it is called on a
 * background thread every {@code otel.workers.queue-sample-interval}, never on a scrape
 * or a request, except once when a gauge is read before the first sample so that the
 * first scrape after a restart is already right.
 */
public interface DurableQueue {

	/**
	 * Stable, low-cardinality name of the queue, the value of the {@code queue} tag.
	 * @return the name
	 */
	String name();

	/**
	 * Read the current depth and the enqueue time of the oldest item from the queue's
	 * storage.
	 * @return the backlog
	 * @throws RuntimeException when the storage cannot be read; the last known backlog is
	 * kept and the failure shown
	 */
	QueueBacklog backlog();

	/**
	 * A queue read by a function.
	 * @param name the queue name
	 * @param backlog reads the backlog from storage
	 * @return the queue
	 */
	static DurableQueue of(String name, Supplier<QueueBacklog> backlog) {
		WorkerRegistry.checkName("queue", name);
		return new DurableQueue() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public QueueBacklog backlog() {
				return backlog.get();
			}

			@Override
			public String toString() {
				return "DurableQueue[" + name + "]";
			}

		};
	}

}
