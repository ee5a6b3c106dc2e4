package io.selfobs.autoconfigure.otlp.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The executor to give every OpenTelemetry OTLP exporter ({@code setExecutorService}) of
 * selfobs: it runs each export request on the thread that exports. By default each
 * exporter's OkHttp client keeps a pool of its own dispatcher threads, although the SDK's
 * batch processors already export from a dedicated worker thread that only waits for the
 * result; running the request there saves a thread per exporter, and the request's
 * timeout still bounds the wait. Only for exporters behind a batch processor: behind a
 * simple (synchronous) processor the request would run on the thread that ended the span.
 * OkHttp names the thread after the request while it runs, as it does its own threads.
 * Internal, not API.
 */
public final class OtlpExportExecutor extends AbstractExecutorService {

	private static final OtlpExportExecutor INSTANCE = new OtlpExportExecutor();

	private OtlpExportExecutor() {
	}

	/**
	 * The executor. The exporters do not shut down an executor they were given, and this
	 * one holds no thread, so it is shared by every exporter of the process.
	 * @return the shared instance
	 */
	public static ExecutorService get() {
		return INSTANCE;
	}

	@Override
	public void execute(Runnable command) {
		command.run();
	}

	/**
	 * Does nothing: there is no thread to stop, and other exporters still use the
	 * instance.
	 */
	@Override
	public void shutdown() {
	}

	@Override
	public List<Runnable> shutdownNow() {
		return List.of();
	}

	@Override
	public boolean isShutdown() {
		return false;
	}

	@Override
	public boolean isTerminated() {
		return false;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return false;
	}

}
