package io.selfobs.autoconfigure.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application on a random port: the worker and queue meters on {@code /metrics},
 * and a worker hung inside a cycle taking {@code /readyz} DOWN after its stall threshold
 * while {@code /livez} stays UP, then recovering.
 */
class WorkerIntegrationTests {

	@Test
	void metersOnTheScrapeAndAStalledWorkerTakesReadinessDownButNeverLiveness() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			int port = port(context);
			WorkerTestApplication.Reconciler reconciler = context.getBean(WorkerTestApplication.Reconciler.class);
			context.getBean(WorkerTestApplication.Inbox.class).depth.set(3);
			awaitTrue(() -> WorkerTestApplication.get(port, "/metrics")
				.contains("selfobs_queue_depth{queue=\"inbox\"} 3.0"), "queue sampled");
			String scrape = WorkerTestApplication.get(port, "/metrics");
			assertThat(scrape)
				.containsPattern("selfobs_worker_cycles_total\\{outcome=\"success\",worker=\"reconciler\"} [1-9]")
				.containsPattern("selfobs_worker_items_total\\{outcome=\"processed\",worker=\"reconciler\"} [1-9]")
				.containsPattern("selfobs_worker_items_total\\{outcome=\"delivered\",worker=\"reconciler\"} [1-9]")
				.contains("selfobs_worker_items_total{outcome=\"failed\",worker=\"reconciler\"} 0.0")
				.containsPattern("selfobs_worker_cycle_seconds_count\\{error=\"none\",worker=\"reconciler\"} [1-9]")
				.containsPattern("selfobs_worker_delivery_latency_seconds_count\\{worker=\"reconciler\"} [1-9]")
				.contains("selfobs_worker_stalled{worker=\"reconciler\"} 0.0")
				.containsPattern("selfobs_worker_last_success_timestamp_seconds\\{worker=\"reconciler\"} 1\\.[0-9]+E9")
				.containsPattern("selfobs_queue_oldest_age_seconds\\{queue=\"inbox\"} (9\\d|1\\d\\d)\\.");
			assertThat(WorkerTestApplication.send(port, "/readyz").statusCode()).isEqualTo(200);

			reconciler.hang();
			awaitTrue(() -> WorkerTestApplication.send(port, "/readyz").statusCode() == 503, "readiness DOWN");
			assertThat(WorkerTestApplication.send(port, "/livez").statusCode()).isEqualTo(200);
			assertThat(WorkerTestApplication.get(port, "/metrics"))
				.contains("selfobs_worker_stalled{worker=\"reconciler\"} 1.0");

			reconciler.release();
			awaitTrue(() -> WorkerTestApplication.send(port, "/readyz").statusCode() == 200, "readiness back UP");
		}
	}

	@Test
	void withTheReadinessContributionOffAStalledWorkerLeavesReadinessUp() throws Exception {
		try (ConfigurableApplicationContext context = run("--otel.workers.readiness.enabled=false")) {
			int port = port(context);
			WorkerTestApplication.Reconciler reconciler = context.getBean(WorkerTestApplication.Reconciler.class);
			reconciler.hang();
			awaitTrue(() -> WorkerTestApplication.get(port, "/metrics")
				.contains("selfobs_worker_stalled{worker=\"reconciler\"} 1.0"), "worker stalled");
			assertThat(WorkerTestApplication.send(port, "/readyz").statusCode()).isEqualTo(200);
			reconciler.release();
		}
	}

	private static ConfigurableApplicationContext run(String... extra) {
		String[] arguments = new String[extra.length + 4];
		arguments[0] = "--server.port=0";
		arguments[1] = "--spring.main.banner-mode=off";
		arguments[2] = "--otel.workers.stall-thresholds.reconciler=1s";
		arguments[3] = "--otel.workers.queue-sample-interval=100ms";
		System.arraycopy(extra, 0, arguments, 4, extra.length);
		return new SpringApplication(WorkerTestApplication.class).run(arguments);
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}
