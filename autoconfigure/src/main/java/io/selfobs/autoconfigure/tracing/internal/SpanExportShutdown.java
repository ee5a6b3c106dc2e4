package io.selfobs.autoconfigure.tracing.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Flushes the spans still queued when the application stops, after the web server has finished its requests, and
 * waits at most the configured time so a collector outage cannot hold shutdown up.
 */
public final class SpanExportShutdown implements SmartLifecycle {

	/**
	 * Stopped after the web server (graceful shutdown included), so the spans of the last requests are flushed.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(SpanExportShutdown.class);

	private final SpanProcessor processor;

	private final Duration timeout;

	private volatile boolean running;

	public SpanExportShutdown(SpanProcessor processor, Duration timeout) {
		this.processor = processor;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		CompletableResultCode result = this.processor.shutdown().join(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!result.isDone()) {
			logger.warn("Spans still queued for export were not sent within " + this.timeout
					+ " (otel.traces.export.shutdown-timeout) and are lost");
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

}
