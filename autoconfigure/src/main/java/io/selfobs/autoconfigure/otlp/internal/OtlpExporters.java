package io.selfobs.autoconfigure.otlp.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.selfobs.autoconfigure.otlp.OtlpProtocol;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.destination.OtlpExporterTarget;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import org.jspecify.annotations.Nullable;

/**
 * Builds the OpenTelemetry OTLP span and log exporters of selfobs, for either transport,
 * alike. Internal, not API.
 * <ul>
 * <li><b>Time limit</b>: one export, retries and back-off included, ends within the
 * destination's {@code timeout}. The exporter's own call timeout spans all attempts; only
 * connection refusals and the retryable answers (429, 502, 503, 504, gRPC UNAVAILABLE and
 * the like) are retried, at most {@value #MAX_ATTEMPTS} attempts with 100–400 ms of
 * back-off, and the call timeout is shortened by the longest back-off that may already
 * have begun when it fires. A timed-out request is not retried. Below {@code 2 s} nothing
 * is retried.</li>
 * <li><b>Outcomes</b> are counted from the exporter's semantic-convention self-metrics
 * ({@link ExportOutcomeMeterProvider}), never from its internal exception types.</li>
 * <li><b>Threads</b>: requests run on the batch processor's worker
 * ({@link OtlpExportExecutor}).</li>
 * <li><b>Warnings</b>: the SDK's own per-batch warnings are folded into selfobs'
 * throttled one ({@link OtelExporterLogFilter}).</li>
 * <li><b>Allocation</b>: {@link MemoryMode#REUSABLE_DATA}, the exporters' low-allocation
 * serialisation.</li>
 * <li><b>Startup</b>: the exporter (its HTTP client, TLS context, marshalers) is built on
 * the first export, on the worker, not while the application starts; the destination
 * itself was validated at startup.</li>
 * <li><b>Customizers</b>: the application's exporter builder customizers
 * ({@link BuilderCustomizers}) run last, when the exporter is built; one that throws
 * fails that batch, counted {@code io_error}.</li>
 * <li><b>Shutdown</b>: when the shutdown budget is spent
 * ({@link OtlpExportTelemetry#shutdownDeadlinePassed()}), the exporter is shut down,
 * which cancels the request in flight; later batches are dropped and counted
 * ({@code shutdown}) without a request.</li>
 * </ul>
 */
public final class OtlpExporters {

	static final int MAX_ATTEMPTS = 3;

	static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

	static final Duration MAX_BACKOFF = Duration.ofMillis(400);

	/**
	 * The longest back-off (400 ms) with the SDK's jitter of up to +20 %, rounded up.
	 */
	static final Duration RETRY_ALLOWANCE = Duration.ofMillis(500);

	static final Duration SHORTEST_TIMEOUT_WITH_RETRIES = Duration.ofSeconds(2);

	private OtlpExporters() {
	}

	/**
	 * A span exporter for the destination.
	 * @param destination where and how to send
	 * @param telemetry where batch outcomes are counted, null when not counted
	 * @param customizers applied to the exporter builder after selfobs' own settings
	 * @return the exporter, built on its first use
	 */
	public static OtlpSpanExporter spanExporter(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry,
			BuilderCustomizers<OtlpHttpSpanExporterBuilder, OtlpGrpcSpanExporterBuilder> customizers) {
		OtlpSpanExporter exporter = new OtlpSpanExporter(destination, telemetry,
				() -> buildSpanExporter(destination, telemetry, customizers));
		if (telemetry != null) {
			telemetry.onShutdownDeadline(exporter::closeExporter);
		}
		return exporter;
	}

	/**
	 * A log record exporter for the destination.
	 * @param destination where and how to send
	 * @param telemetry where batch outcomes are counted, null when not counted
	 * @param customizers applied to the exporter builder after selfobs' own settings
	 * @return the exporter, built on its first use
	 */
	public static OtlpLogRecordExporter logRecordExporter(OtlpDestination destination,
			@Nullable OtlpExportTelemetry telemetry,
			BuilderCustomizers<OtlpHttpLogRecordExporterBuilder, OtlpGrpcLogRecordExporterBuilder> customizers) {
		OtlpLogRecordExporter exporter = new OtlpLogRecordExporter(destination, telemetry,
				() -> buildLogRecordExporter(destination, telemetry, customizers));
		if (telemetry != null) {
			telemetry.onShutdownDeadline(exporter::closeExporter);
		}
		return exporter;
	}

	/**
	 * The time limit given to the exporter's call so that retries and back-off stay
	 * within the destination's timeout.
	 * @param timeout the destination's timeout
	 * @return the call timeout
	 */
	static Duration callTimeout(Duration timeout) {
		return retries(timeout) ? timeout.minus(RETRY_ALLOWANCE) : timeout;
	}

	static boolean retries(Duration timeout) {
		return timeout.compareTo(SHORTEST_TIMEOUT_WITH_RETRIES) >= 0;
	}

	/**
	 * The retry policy: connection refusals and retryable answers only; a request that
	 * timed out is not retried.
	 * @param timeout the destination's timeout
	 * @return the policy, or null for none
	 */
	static @Nullable RetryPolicy retryPolicy(Duration timeout) {
		if (!retries(timeout)) {
			return null;
		}
		return RetryPolicy.builder()
			.setMaxAttempts(MAX_ATTEMPTS)
			.setInitialBackoff(INITIAL_BACKOFF)
			.setMaxBackoff(MAX_BACKOFF)
			.setBackoffMultiplier(2)
			.setRetryExceptionPredicate(OtlpExporters::isRetryable)
			.build();
	}

	static boolean isRetryable(IOException failure) {
		return failure instanceof ConnectException;
	}

	private static MeterProvider outcomes(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry) {
		return (telemetry != null) ? ExportOutcomeMeterProvider.create(destination, telemetry) : MeterProvider.noop();
	}

	private static SpanExporter buildSpanExporter(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry,
			BuilderCustomizers<OtlpHttpSpanExporterBuilder, OtlpGrpcSpanExporterBuilder> customizers) {
		if (destination.protocol() == OtlpProtocol.GRPC) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder();
			return build(destination, telemetry,
					new OtlpExporterTarget(builder::setEndpoint, builder::addHeader, builder::setCompression,
							builder::setTimeout, builder::setSslContext),
					new Tuning(builder::setConnectTimeout, builder::setRetryPolicy, builder::setMeterProvider,
							builder::setInternalTelemetryVersion, builder::setMemoryMode, builder::setExecutorService),
					() -> {
						customizers.grpc().accept(builder);
						return builder.build();
					});
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder();
		return build(destination, telemetry,
				new OtlpExporterTarget(builder::setEndpoint, builder::addHeader, builder::setCompression,
						builder::setTimeout, builder::setSslContext),
				new Tuning(builder::setConnectTimeout, builder::setRetryPolicy, builder::setMeterProvider,
						builder::setInternalTelemetryVersion, builder::setMemoryMode, builder::setExecutorService),
				() -> {
					customizers.http().accept(builder);
					return builder.build();
				});
	}

	private static LogRecordExporter buildLogRecordExporter(OtlpDestination destination,
			@Nullable OtlpExportTelemetry telemetry,
			BuilderCustomizers<OtlpHttpLogRecordExporterBuilder, OtlpGrpcLogRecordExporterBuilder> customizers) {
		if (destination.protocol() == OtlpProtocol.GRPC) {
			OtlpGrpcLogRecordExporterBuilder builder = OtlpGrpcLogRecordExporter.builder();
			return build(destination, telemetry,
					new OtlpExporterTarget(builder::setEndpoint, builder::addHeader, builder::setCompression,
							builder::setTimeout, builder::setSslContext),
					new Tuning(builder::setConnectTimeout, builder::setRetryPolicy, builder::setMeterProvider,
							builder::setInternalTelemetryVersion, builder::setMemoryMode, builder::setExecutorService),
					() -> {
						customizers.grpc().accept(builder);
						return builder.build();
					});
		}
		OtlpHttpLogRecordExporterBuilder builder = OtlpHttpLogRecordExporter.builder();
		return build(destination, telemetry,
				new OtlpExporterTarget(builder::setEndpoint, builder::addHeader, builder::setCompression,
						builder::setTimeout, builder::setSslContext),
				new Tuning(builder::setConnectTimeout, builder::setRetryPolicy, builder::setMeterProvider,
						builder::setInternalTelemetryVersion, builder::setMemoryMode, builder::setExecutorService),
				() -> {
					customizers.http().accept(builder);
					return builder.build();
				});
	}

	/**
	 * One configuration for the four exporter builders: where to send (the destination),
	 * then the time limits, retries, outcome counting, low-allocation marshalling and the
	 * shared executor.
	 */
	private static <E> E build(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry,
			OtlpExporterTarget target, Tuning tuning, Supplier<E> build) {
		destination.applyTo(target);
		Duration callTimeout = callTimeout(destination.timeout());
		target.timeout().accept(callTimeout);
		tuning.connectTimeout().accept(callTimeout);
		tuning.retryPolicy().accept(retryPolicy(destination.timeout()));
		tuning.meterProvider().accept(outcomes(destination, telemetry));
		tuning.internalTelemetryVersion().accept(InternalTelemetryVersion.LATEST);
		tuning.memoryMode().accept(MemoryMode.REUSABLE_DATA);
		tuning.executor().accept(OtlpExportExecutor.get());
		E exporter = build.get();
		// The exporter's logger exists now, and the batch processors' before it
		OtelExporterLogFilter.install();
		return exporter;
	}

	/**
	 * The builder setters beyond where to send, which {@link OtlpExporterTarget} covers:
	 * the four builders share their names, not an interface.
	 */
	private record Tuning(Consumer<Duration> connectTimeout, Consumer<RetryPolicy> retryPolicy,
			Consumer<MeterProvider> meterProvider, Consumer<InternalTelemetryVersion> internalTelemetryVersion,
			Consumer<MemoryMode> memoryMode, Consumer<ExecutorService> executor) {
	}

	/**
	 * What the application adds to the exporter builders of one signal, per transport;
	 * applied after selfobs' own settings, like Spring Boot applies its
	 * {@code *ExporterBuilderCustomizer} beans.
	 *
	 * @param <H> the http/protobuf exporter builder
	 * @param <G> the gRPC exporter builder
	 * @param http customizes the http/protobuf exporter builder
	 * @param grpc customizes the gRPC exporter builder
	 */
	public record BuilderCustomizers<H, G>(Consumer<H> http, Consumer<G> grpc) {

	}

	/**
	 * The part shared by the span and log record exporters: builds its exporter on first
	 * use (customizers included); once cancelled, or shut down, it never builds one and
	 * fails every export. A batch the exporter, or building it, throws on is counted as
	 * failed ({@code io_error}) and reported as a failure. Internal, not API.
	 *
	 * @param <E> the SDK exporter type
	 */
	public abstract static class Lazy<E> {

		private final OtlpDestination destination;

		private final @Nullable OtlpExportTelemetry telemetry;

		private final Supplier<E> factory;

		private @Nullable E exporter;

		private boolean closed;

		Lazy(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry, Supplier<E> factory) {
			this.destination = destination;
			this.telemetry = telemetry;
			this.factory = factory;
		}

		/**
		 * Where the exporter sends.
		 * @return the destination
		 */
		public final OtlpDestination getDestination() {
			return this.destination;
		}

		/**
		 * Export through the built exporter; a batch it throws on is counted and failed,
		 * never thrown to the batch processor's worker.
		 */
		final CompletableResultCode export(int items, Function<E, CompletableResultCode> export) {
			try {
				E exporter = exporter();
				return (exporter != null) ? export.apply(exporter) : refuse(items);
			}
			catch (RuntimeException ex) {
				if (this.telemetry != null) {
					this.telemetry.failed(this.destination, "io_error", items,
							ex.getClass().getSimpleName() + ": " + ex.getMessage());
				}
				return CompletableResultCode.ofExceptionalFailure(ex);
			}
		}

		@Override
		public String toString() {
			return getClass().getSimpleName() + "[" + this.destination + "]";
		}

		final synchronized @Nullable E exporter() {
			if (this.closed) {
				return null;
			}
			if (this.exporter == null) {
				this.exporter = this.factory.get();
			}
			return this.exporter;
		}

		final CompletableResultCode closeExporter() {
			E built;
			synchronized (this) {
				this.closed = true;
				built = this.exporter;
			}
			return (built != null) ? shutdown(built) : CompletableResultCode.ofSuccess();
		}

		/**
		 * A batch that arrives after the exporter was closed: dropped and counted, no
		 * request.
		 */
		final CompletableResultCode refuse(int items) {
			if (this.telemetry != null) {
				this.telemetry.dropped(this.destination.signal(), this.destination.transport(), "shutdown", items);
			}
			return CompletableResultCode.ofFailure();
		}

		abstract CompletableResultCode shutdown(E exporter);

	}

	/**
	 * selfobs' OTLP span exporter: bounded in time, outcomes counted, built on first use.
	 * Internal, not API.
	 */
	public static final class OtlpSpanExporter extends Lazy<SpanExporter> implements SpanExporter {

		OtlpSpanExporter(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry,
				Supplier<SpanExporter> factory) {
			super(destination, telemetry, factory);
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return export(spans.size(), (exporter) -> exporter.export(spans));
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return closeExporter();
		}

		@Override
		CompletableResultCode shutdown(SpanExporter exporter) {
			return exporter.shutdown();
		}

	}

	/**
	 * selfobs' OTLP log record exporter: bounded in time, outcomes counted, built on
	 * first use. Internal, not API.
	 */
	public static final class OtlpLogRecordExporter extends Lazy<LogRecordExporter> implements LogRecordExporter {

		OtlpLogRecordExporter(OtlpDestination destination, @Nullable OtlpExportTelemetry telemetry,
				Supplier<LogRecordExporter> factory) {
			super(destination, telemetry, factory);
		}

		@Override
		public CompletableResultCode export(Collection<LogRecordData> logs) {
			return export(logs.size(), (exporter) -> exporter.export(logs));
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return closeExporter();
		}

		@Override
		CompletableResultCode shutdown(LogRecordExporter exporter) {
			return exporter.shutdown();
		}

	}

}
