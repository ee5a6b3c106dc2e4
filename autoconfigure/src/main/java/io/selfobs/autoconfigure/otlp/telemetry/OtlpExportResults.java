package io.selfobs.autoconfigure.otlp.telemetry;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import io.selfobs.autoconfigure.otlp.OtlpProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Short, bounded failure reasons for {@link OtlpExportTelemetry} ({@code http_503},
 * {@code grpc_unavailable}, {@code unreachable}, {@code timeout}, {@code tls}, ...), so
 * every signal and transport reports failures alike. Only stable API is read: an
 * exception's type, or the {@code error.type} attribute the OpenTelemetry exporters put
 * on their semantic-convention self-metrics.
 */
public final class OtlpExportResults {

	private static final List<String> GRPC_STATUS_NAMES = List.of("ok", "cancelled", "unknown", "invalid_argument",
			"deadline_exceeded", "not_found", "already_exists", "permission_denied", "resource_exhausted",
			"failed_precondition", "aborted", "out_of_range", "unimplemented", "internal", "unavailable", "data_loss",
			"unauthenticated");

	private OtlpExportResults() {
	}

	/**
	 * The reason tag of a failed export.
	 * @param failure what the exporter or sender threw, may be null
	 * @return a bounded reason
	 */
	public static String reasonOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String reason = reasonOf(cause.getClass());
			if (reason != null) {
				return reason;
			}
		}
		return (failure != null) ? "io_error" : "rejected";
	}

	/**
	 * The reason tag of the {@code error.type} an OpenTelemetry exporter reports for a
	 * failed batch: the HTTP status or numeric gRPC status the collector answered, or the
	 * class name of the exception that ended the request.
	 * @param errorType the {@code error.type} value
	 * @param protocol the exporter's transport
	 * @return a bounded reason
	 */
	public static String reasonOfErrorType(String errorType, OtlpProtocol protocol) {
		Integer code = statusCode(errorType);
		if (code != null) {
			return (protocol == OtlpProtocol.GRPC) ? grpcReason(code) : "http_" + code;
		}
		try {
			Class<?> type = Class.forName(errorType, false, OtlpExportResults.class.getClassLoader());
			String reason = reasonOf(type);
			return (reason != null) ? reason : "io_error";
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "io_error";
		}
	}

	/**
	 * A human-readable description of a failed batch for the throttled warning.
	 * @param errorType the {@code error.type} value
	 * @param reason its reason tag
	 * @return the description (never a secret: a status or an exception's class name)
	 */
	public static String describeErrorType(String errorType, String reason) {
		if (statusCode(errorType) != null) {
			return "the collector answered " + reason;
		}
		return errorType.substring(errorType.lastIndexOf('.') + 1);
	}

	/**
	 * The reason tag of a gRPC status.
	 * @param code the numeric status
	 * @return {@code grpc_} and the status name, e.g. {@code grpc_unavailable}
	 */
	public static String grpcReason(int code) {
		return "grpc_" + ((code >= 0 && code < GRPC_STATUS_NAMES.size()) ? GRPC_STATUS_NAMES.get(code) : "unknown");
	}

	private static @Nullable String reasonOf(Class<?> type) {
		if (InterruptedIOException.class.isAssignableFrom(type)) {
			return "timeout";
		}
		if (ConnectException.class.isAssignableFrom(type) || UnknownHostException.class.isAssignableFrom(type)
				|| NoRouteToHostException.class.isAssignableFrom(type)) {
			return "unreachable";
		}
		if (SSLException.class.isAssignableFrom(type)) {
			return "tls";
		}
		return null;
	}

	private static @Nullable Integer statusCode(String errorType) {
		if (errorType.isEmpty() || errorType.length() > 4) {
			return null;
		}
		for (int i = 0; i < errorType.length(); i++) {
			if (!Character.isDigit(errorType.charAt(i))) {
				return null;
			}
		}
		return Integer.valueOf(errorType);
	}

}
