package io.selfobs.autoconfigure.otlp;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Short, bounded failure reasons for {@link OtlpExportTelemetry} ({@code http_503}, {@code grpc_unavailable},
 * {@code unreachable}, {@code timeout}, {@code tls}, ...), and the recording of OpenTelemetry exporter results, so
 * every signal and transport reports failures alike.
 */
public final class OtlpExportResults {

	private static final List<String> GRPC_STATUS_NAMES = List.of("ok", "cancelled", "unknown", "invalid_argument",
			"deadline_exceeded", "not_found", "already_exists", "permission_denied", "resource_exhausted",
			"failed_precondition", "aborted", "out_of_range", "unimplemented", "internal", "unavailable", "data_loss",
			"unauthenticated");

	private OtlpExportResults() {
	}

	/**
	 * Record the outcome of one export of an OpenTelemetry SDK exporter once it completes.
	 * @param result the exporter's result
	 * @param destination where the batch was sent
	 * @param items items in the batch
	 * @param telemetry where to record
	 * @return the same result
	 */
	public static CompletableResultCode record(CompletableResultCode result, OtlpDestination destination, int items,
			OtlpExportTelemetry telemetry) {
		return result.whenComplete(() -> {
			if (result.isSuccess()) {
				telemetry.exported(destination.signal(), destination.transport(), items);
			}
			else {
				Throwable failure = result.getFailureThrowable();
				String reason = reasonOf(failure);
				telemetry.failed(destination, reason, items, describe(failure, reason));
			}
		});
	}

	/**
	 * The reason tag of a failed export.
	 * @param failure what the exporter or sender threw, may be null
	 * @return a bounded reason
	 */
	public static String reasonOf(Throwable failure) {
		if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
			return "http_" + http.getResponse().statusCode();
		}
		if (failure instanceof FailedExportException.GrpcExportException grpc && grpc.failedWithResponse()) {
			return grpcReason(grpc.getResponse().grpcStatusValue());
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedIOException) {
				return "timeout";
			}
			if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
				return "unreachable";
			}
			if (cause instanceof SSLException) {
				return "tls";
			}
		}
		return (failure != null) ? "io_error" : "rejected";
	}

	/**
	 * The reason tag of a gRPC status.
	 * @param code the numeric status
	 * @return {@code grpc_} and the status name, e.g. {@code grpc_unavailable}
	 */
	public static String grpcReason(int code) {
		return "grpc_" + ((code >= 0 && code < GRPC_STATUS_NAMES.size()) ? GRPC_STATUS_NAMES.get(code) : "unknown");
	}

	private static String describe(Throwable failure, String reason) {
		if (failure == null) {
			return "the exporter reported a failure";
		}
		if (failure instanceof FailedExportException answered && answered.failedWithResponse()) {
			return "the collector answered " + reason;
		}
		Throwable shown = (failure instanceof FailedExportException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return shown.getClass().getSimpleName() + ((shown.getMessage() != null) ? ": " + shown.getMessage() : "");
	}

}
