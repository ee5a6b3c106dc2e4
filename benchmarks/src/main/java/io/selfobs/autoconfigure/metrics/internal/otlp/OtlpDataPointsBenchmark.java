package io.selfobs.autoconfigure.metrics.internal.otlp;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the data points of one OTLP metrics push (the selfobs.export.items figure):
 * walking the wire format versus decoding the request into message objects. The payload
 * is the size of a typical service's push: 120 counters with 3 series each and 40
 * histograms with 4 series of 15 buckets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class OtlpDataPointsBenchmark {

	private byte[] payload;

	@Setup
	public void payload() {
		ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
		for (int m = 0; m < 120; m++) {
			Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true);
			for (int s = 0; s < 3; s++) {
				sum.addDataPoints(NumberDataPoint.newBuilder()
					.setAsDouble(m * s)
					.setTimeUnixNano(1L)
					.addAttributes(KeyValue.newBuilder()
						.setKey("outcome")
						.setValue(AnyValue.newBuilder().setStringValue("o" + s))));
			}
			scope.addMetrics(Metric.newBuilder().setName("counter." + m).setSum(sum));
		}
		for (int m = 0; m < 40; m++) {
			Histogram.Builder histogram = Histogram.newBuilder();
			for (int s = 0; s < 4; s++) {
				HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setCount(10).setSum(1.5);
				for (int b = 0; b < 15; b++) {
					point.addExplicitBounds(b * 0.01).addBucketCounts(b);
				}
				histogram.addDataPoints(point.addAttributes(KeyValue.newBuilder()
					.setKey("route")
					.setValue(AnyValue.newBuilder().setStringValue("/api/" + s))));
			}
			scope.addMetrics(Metric.newBuilder().setName("timer." + m).setHistogram(histogram));
		}
		this.payload = ExportMetricsServiceRequest.newBuilder()
			.addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(scope))
			.build()
			.toByteArray();
		if (walkWireFormat() != 120 * 3 + 40 * 4) {
			throw new IllegalStateException("Miscounted: " + walkWireFormat());
		}
	}

	@Benchmark
	public int walkWireFormat() {
		return OtlpDataPoints.count(this.payload);
	}

	@Benchmark
	public int decodeMessages() throws InvalidProtocolBufferException {
		return ExportMetricsServiceRequest.parseFrom(this.payload)
			.getResourceMetricsList()
			.stream()
			.flatMap((resource) -> resource.getScopeMetricsList().stream())
			.mapToInt(ScopeMetrics::getMetricsCount)
			.sum();
	}

}
