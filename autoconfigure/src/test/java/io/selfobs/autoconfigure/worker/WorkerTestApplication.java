package io.selfobs.autoconfigure.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * A web application with one polling worker ({@code reconciler}) that a test can hang
 * inside a cycle, and one durable queue ({@code inbox}) whose depth the test sets.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WorkerTestApplication {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Bean
	Inbox inbox() {
		return new Inbox();
	}

	@Bean
	DurableQueue inboxQueue(Inbox inbox) {
		return DurableQueue.of("inbox", () -> new QueueBacklog(inbox.depth.get(),
				(inbox.depth.get() > 0) ? Instant.now().minusSeconds(90) : null));
	}

	@Bean
	Reconciler reconciler(WorkerRegistry workers) {
		return new Reconciler(workers.worker("reconciler"));
	}

	static String get(int port, String path) {
		return send(port, path).body();
	}

	static HttpResponse<String> send(int port, String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static final class Inbox {

		final AtomicLong depth = new AtomicLong();

	}

	/**
	 * Polls every 50 ms; each cycle takes one item while the gate is open and blocks
	 * while it is closed.
	 */
	static final class Reconciler implements SmartLifecycle {

		final Semaphore gate = new Semaphore(1);

		private final Worker worker;

		private ScheduledExecutorService executor;

		Reconciler(Worker worker) {
			this.worker = worker;
		}

		void hang() throws InterruptedException {
			this.gate.acquire();
		}

		void release() {
			this.gate.release();
		}

		@Override
		public void start() {
			this.executor = Executors.newSingleThreadScheduledExecutor();
			this.executor.scheduleWithFixedDelay(() -> this.worker.runCycle((cycle) -> {
				try {
					this.gate.acquire();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				this.gate.release();
				cycle.processed(1);
				cycle.delivered(Instant.now().minusMillis(20));
				return null;
			}), 0, 50, TimeUnit.MILLISECONDS);
		}

		@Override
		public void stop() {
			this.executor.shutdownNow();
		}

		@Override
		public boolean isRunning() {
			return this.executor != null && !this.executor.isShutdown();
		}

	}

}
