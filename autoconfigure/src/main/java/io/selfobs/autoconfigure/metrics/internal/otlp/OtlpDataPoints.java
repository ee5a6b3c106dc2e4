package io.selfobs.autoconfigure.metrics.internal.otlp;

import java.io.IOException;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Counts the data points of an encoded OTLP {@code ExportMetricsServiceRequest} by
 * walking its protobuf wire format, without decoding it into message objects: the push
 * runs every step, and the count is all selfobs needs of it. Internal, not API.
 */
final class OtlpDataPoints {

	// ExportMetricsServiceRequest.resource_metrics, ResourceMetrics.scope_metrics,
	// ScopeMetrics.metrics
	private static final int RESOURCE_METRICS = 1;

	private static final int SCOPE_METRICS = 2;

	private static final int METRICS = 2;

	// Metric.gauge, sum, histogram, exponential_histogram, summary: each holds
	// data_points = 1
	private static final int GAUGE = 5;

	private static final int SUM = 7;

	private static final int HISTOGRAM = 9;

	private static final int EXPONENTIAL_HISTOGRAM = 10;

	private static final int SUMMARY = 11;

	private static final int DATA_POINTS = 1;

	private OtlpDataPoints() {
	}

	/**
	 * Count the data points of a request.
	 * @param request the encoded {@code ExportMetricsServiceRequest}
	 * @return the number of data points, or -1 when the payload is not valid protobuf
	 */
	static int count(byte[] request) {
		try {
			return count(CodedInputStream.newInstance(request), 0);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Count the data points within the current message.
	 * @param input positioned inside the message
	 * @param depth 0 for the request, 1 resource metrics, 2 scope metrics, 3 metric, 4
	 * gauge/sum/histogram/…
	 */
	private static int count(CodedInputStream input, int depth) throws IOException {
		int points = 0;
		while (true) {
			int tag = input.readTag();
			if (tag == 0) {
				return points;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			boolean message = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
			if (message && depth == 4 && field == DATA_POINTS) {
				points++;
				input.skipField(tag);
			}
			else if (message && descends(depth, field)) {
				int limit = input.pushLimit(input.readRawVarint32());
				points += count(input, depth + 1);
				input.popLimit(limit);
			}
			else {
				input.skipField(tag);
			}
		}
	}

	private static boolean descends(int depth, int field) {
		return switch (depth) {
			case 0 -> field == RESOURCE_METRICS;
			case 1 -> field == SCOPE_METRICS;
			case 2 -> field == METRICS;
			case 3 -> field == GAUGE || field == SUM || field == HISTOGRAM || field == EXPONENTIAL_HISTOGRAM
					|| field == SUMMARY;
			default -> false;
		};
	}

}
