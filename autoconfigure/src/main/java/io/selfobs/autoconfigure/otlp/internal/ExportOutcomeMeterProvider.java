package io.selfobs.autoconfigure.otlp.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import io.selfobs.autoconfigure.otlp.OtlpDestination;
import io.selfobs.autoconfigure.otlp.OtlpExportResults;
import io.selfobs.autoconfigure.otlp.OtlpExportTelemetry;

import java.util.function.Consumer;

/**
 * Learns the outcome of every batch an OpenTelemetry OTLP exporter sends from its self-metrics, in the
 * semantic-convention form ({@code InternalTelemetryVersion.LATEST}): the exporter adds the batch's item count to
 * {@code otel.sdk.exporter.<signal>.exported} once per finished batch, with {@code error.type} set to the HTTP
 * status, the gRPC status code or the exception's class name when it failed. That is public, documented behaviour
 * on every SDK line selfobs supports, unlike the exporter's internal exception types. Every other instrument is a
 * no-op. Internal, not API.
 */
final class ExportOutcomeMeterProvider implements MeterProvider {

	static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final OtlpDestination destination;

	private final OtlpExportTelemetry telemetry;

	ExportOutcomeMeterProvider(OtlpDestination destination, OtlpExportTelemetry telemetry) {
		this.destination = destination;
		this.telemetry = telemetry;
	}

	static boolean isExportedCounter(String name) {
		return name.startsWith("otel.sdk.exporter.") && name.endsWith(".exported");
	}

	void batchFinished(long items, String errorType) {
		if (errorType == null || errorType.isEmpty()) {
			this.telemetry.exported(this.destination.signal(), this.destination.transport(), (int) items);
			return;
		}
		String reason = OtlpExportResults.reasonOfErrorType(errorType, this.destination.protocol());
		this.telemetry.failed(this.destination, reason, (int) items, OtlpExportResults.describeErrorType(errorType,
				reason));
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		Meter noop = MeterProvider.noop().get(instrumentationScopeName);
		Meter meter = new OutcomeMeter(noop);
		return new MeterBuilder() {

			@Override
			public MeterBuilder setSchemaUrl(String schemaUrl) {
				return this;
			}

			@Override
			public MeterBuilder setInstrumentationVersion(String instrumentationVersion) {
				return this;
			}

			@Override
			public Meter build() {
				return meter;
			}

		};
	}

	private final class OutcomeMeter implements Meter {

		private final Meter noop;

		OutcomeMeter(Meter noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			LongCounterBuilder builder = this.noop.counterBuilder(name);
			return isExportedCounter(name) ? new OutcomeCounterBuilder(builder) : builder;
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			return this.noop.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return this.noop.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			return this.noop.gaugeBuilder(name);
		}

	}

	private final class OutcomeCounterBuilder implements LongCounterBuilder {

		private final LongCounterBuilder noop;

		OutcomeCounterBuilder(LongCounterBuilder noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return this.noop.ofDoubles();
		}

		@Override
		public LongCounter build() {
			return new OutcomeCounter();
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

	}

	/**
	 * One {@code add} per finished batch. (Not named {@code Noop…}: the exporter rebuilds instruments whose class
	 * name says they are no-ops.)
	 */
	private final class OutcomeCounter implements LongCounter {

		@Override
		public void add(long value) {
			batchFinished(value, null);
		}

		@Override
		public void add(long value, Attributes attributes) {
			batchFinished(value, attributes.get(ERROR_TYPE));
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			add(value, attributes);
		}

	}

}
