package io.selfobs.autoconfigure.metrics.internal;

import java.util.List;

/**
 * Names of the gRPC status codes, to tag failures with a readable, bounded reason.
 */
final class GrpcStatus {

	private static final List<String> NAMES = List.of("ok", "cancelled", "unknown", "invalid_argument",
			"deadline_exceeded", "not_found", "already_exists", "permission_denied", "resource_exhausted",
			"failed_precondition", "aborted", "out_of_range", "unimplemented", "internal", "unavailable", "data_loss",
			"unauthenticated");

	private GrpcStatus() {
	}

	static String name(String code) {
		try {
			int value = Integer.parseInt(code.trim());
			return (value >= 0 && value < NAMES.size()) ? NAMES.get(value) : "unknown";
		}
		catch (NumberFormatException ex) {
			return "unknown";
		}
	}

}
