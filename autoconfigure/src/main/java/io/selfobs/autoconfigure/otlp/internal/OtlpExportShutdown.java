package io.selfobs.autoconfigure.otlp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Flushes every signal at shutdown, all at once, within one budget
 * ({@code otel.exporter.otlp.shutdown-timeout}) whatever the collector does: after the
 * web server has finished its requests, each signal's pipeline is shut down (its queue
 * flushed) on a short-lived thread of its own, each within its own limit and all within
 * the budget; when the budget is spent, requests still in flight are cancelled and what
 * is left is dropped and counted ({@code shutdown}). The budget counts from the moment
 * the context starts closing, and it also bounds the last push of the metrics exporter,
 * which Spring Boot runs on the closing thread when it closes the meter registries,
 * before the web server stops ({@link OtlpExportTelemetry#shutdownRemainingNanos()}).
 * Internal, not API.
 */
public final class OtlpExportShutdown implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, Ordered {

	/**
	 * Stopped after the web server (graceful shutdown included), so the telemetry of the
	 * last requests is flushed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * Time allowed for requests to end once cancelled.
	 */
	private static final Duration CANCEL_GRACE = Duration.ofMillis(500);

	private static final Log logger = LogFactory.getLog(OtlpExportShutdown.class);

	private final Duration budget;

	private final @Nullable OtlpExportTelemetry telemetry;

	private final Supplier<List<Task>> tasks;

	private volatile boolean running;

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile long deadline;

	/**
	 * Create a new instance.
	 * @param budget the longest the whole flush may take
	 * @param telemetry told when the budget is spent, may be null
	 * @param tasks what to flush, looked up at shutdown
	 */
	public OtlpExportShutdown(Duration budget, @Nullable OtlpExportTelemetry telemetry, Supplier<List<Task>> tasks) {
		this.budget = budget;
		this.telemetry = telemetry;
		this.tasks = tasks;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		startBudget();
	}

	private long startBudget() {
		if (this.closing.compareAndSet(false, true)) {
			this.deadline = System.nanoTime() + this.budget.toNanos();
			if (this.telemetry != null) {
				this.telemetry.shutdownStarted(this.deadline);
			}
		}
		return this.deadline;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void stop() {
		this.running = false;
		long deadline = startBudget();
		List<CompletableFuture<Void>> flushes = new ArrayList<>();
		for (Task task : this.tasks.get()) {
			flushes.add(flush(task, deadline));
		}
		boolean done = await(CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)),
				deadline - System.nanoTime());
		if (this.telemetry != null) {
			// Cancel the requests still in flight: the flushing threads and the
			// exporters' workers end at once
			this.telemetry.shutdownDeadlinePassed();
			if (!done) {
				await(CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)), CANCEL_GRACE.toNanos());
			}
		}
	}

	private static CompletableFuture<Void> flush(Task task, long deadline) {
		return run("selfobs-shutdown-" + task.name(), () -> {
			long limit = Math.min(task.timeout().toNanos(), deadline - System.nanoTime());
			CompletableResultCode result = task.shutdown().get().join(Math.max(limit, 0), TimeUnit.NANOSECONDS);
			if (!result.isDone()) {
				logger.warn("OTLP " + task.name() + " still queued for export were not sent within "
						+ Duration.ofNanos(Math.max(limit, 0)).toMillis() + " ms (" + task.timeoutProperty()
						+ " / otel.exporter.otlp.shutdown-timeout) and are dropped");
			}
		});
	}

	private static CompletableFuture<Void> run(String name, Runnable flush) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				flush.run();
				done.complete(null);
			}
			catch (RuntimeException ex) {
				logger.debug("Flushing at shutdown failed", ex);
				done.complete(null);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return done;
	}

	private static boolean await(CompletableFuture<Void> future, long nanos) {
		try {
			future.get(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * One signal's pipeline to shut down.
	 *
	 * @param name e.g. {@code spans}
	 * @param timeout its own limit
	 * @param timeoutProperty the property that sets it, for the warning
	 * @param shutdown shuts the pipeline down (flushing it) and tells when done
	 */
	public record Task(String name, Duration timeout, String timeoutProperty,
			Supplier<CompletableResultCode> shutdown) {
	}

}
