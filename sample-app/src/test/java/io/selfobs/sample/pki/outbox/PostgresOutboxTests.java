package io.selfobs.sample.pki.outbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a real PostgreSQL (Debian packages), two outbox workers run at once: the second
 * claims and delivers rows while the first still holds its row locked (SKIP LOCKED), and
 * no event is delivered twice.
 */
class PostgresOutboxTests {

	private static final int EVENTS = 200;

	@TempDir
	Path dataDir;

	@Test
	void twoConcurrentWorkersNeverDeliverTheSameEventTwice() throws Exception {
		assumeTrue(TestPostgres.binaries().isPresent(), "PostgreSQL server binaries are not installed");
		try (TestPostgres postgres = TestPostgres.start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(PkiApplication.class)
					.profiles("postgres")
					.run("--server.port=0", "--pki.est.port=0", "--pki.data-dir=" + this.dataDir,
							"--PKI_DB_URL=" + postgres.url("pki"), "--PKI_DB_USERNAME=postgres", "--PKI_DB_PASSWORD=",
							"--pki.outbox.worker-enabled=false", "--management.otlp.metrics.export.enabled=false")) {
			TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
			OutboxPublisher publisher = app.getBean(OutboxPublisher.class);
			transactions.executeWithoutResult((status) -> {
				for (int i = 0; i < EVENTS; i++) {
					publisher.publish("test.event", "aggregate-" + i, Map.of("i", i));
				}
			});
			OverlapRecordingSink sink = new OverlapRecordingSink();
			OutboxProperties settings = app.getBean(OutboxProperties.class);
			OutboxRepository repository = app.getBean(OutboxRepository.class);
			OutboxMetrics metrics = app.getBean(OutboxMetrics.class);
			Thread first = worker("worker-a",
					new OutboxWorker(repository, java.util.List.of(sink), transactions, settings, metrics));
			Thread second = worker("worker-b",
					new OutboxWorker(repository, java.util.List.of(sink), transactions, settings, metrics));
			first.start();
			assertThat(sink.firstBatchClaimed.await(30, TimeUnit.SECONDS)).isTrue();
			second.start();
			first.join(60_000);
			second.join(60_000);

			assertThat(sink.secondDeliveredWhileFirstHeldItsBatch).as("SKIP LOCKED let the second worker proceed")
				.isTrue();
			assertThat(sink.deliveries).hasSize(EVENTS);
			assertThat(sink.deliveries.values()).extracting(AtomicInteger::get).containsOnly(1);
			assertThat(sink.byWorker.get("worker-a").get()).isPositive();
			assertThat(sink.byWorker.get("worker-b").get()).isPositive();
			assertThat(app.getBean(JdbcClient.class)
				.sql("select count(*) from outbox_event where status = 'DELIVERED'")
				.query(Long.class)
				.single()).isEqualTo(EVENTS);
		}
	}

	private static Thread worker(String name, OutboxWorker worker) {
		return new Thread(() -> {
			while (worker.runCycle() > 0) {
				// drain until nothing is due
			}
		}, name);
	}

	/**
	 * Records deliveries; the first worker's first delivery waits until the second worker
	 * has delivered one.
	 */
	static final class OverlapRecordingSink implements EventSink {

		final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> byWorker = new ConcurrentHashMap<>();

		final CountDownLatch firstBatchClaimed = new CountDownLatch(1);

		final CountDownLatch secondDelivered = new CountDownLatch(1);

		final AtomicBoolean firstWaited = new AtomicBoolean();

		volatile boolean secondDeliveredWhileFirstHeldItsBatch;

		@Override
		public String name() {
			return "log";
		}

		@Override
		public void deliver(OutboxEvent event) throws InterruptedException {
			String worker = Thread.currentThread().getName();
			this.deliveries.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
			this.byWorker.computeIfAbsent(worker, (id) -> new AtomicInteger()).incrementAndGet();
			if (worker.equals("worker-a") && this.firstWaited.compareAndSet(false, true)) {
				this.firstBatchClaimed.countDown();
				this.secondDeliveredWhileFirstHeldItsBatch = this.secondDelivered.await(30, TimeUnit.SECONDS);
			}
			if (worker.equals("worker-b")) {
				this.secondDelivered.countDown();
			}
		}

	}

}
