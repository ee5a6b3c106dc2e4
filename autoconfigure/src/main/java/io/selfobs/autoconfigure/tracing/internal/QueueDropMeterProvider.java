package io.selfobs.autoconfigure.tracing.internal;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

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

/**
 * Receives the self-metrics of the SDK's {@code BatchSpanProcessor} and reports the spans it drops because its
 * queue is full. The processor counts them on its {@code processedSpans} counter with {@code dropped=true}; every
 * other instrument is a no-op.
 */
final class QueueDropMeterProvider implements MeterProvider {

	static final String PROCESSED_SPANS = "processedSpans";

	static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private final LongConsumer onDropped;

	QueueDropMeterProvider(LongConsumer onDropped) {
		this.onDropped = onDropped;
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		Meter noop = MeterProvider.noop().get(instrumentationScopeName);
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
				return new DropCountingMeter(noop);
			}

		};
	}

	private final class DropCountingMeter implements Meter {

		private final Meter noop;

		DropCountingMeter(Meter noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			LongCounterBuilder builder = this.noop.counterBuilder(name);
			return PROCESSED_SPANS.equals(name) ? new DropCounterBuilder(builder) : builder;
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

	private final class DropCounterBuilder implements LongCounterBuilder {

		private final LongCounterBuilder noop;

		DropCounterBuilder(LongCounterBuilder noop) {
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
			return new DropCounter();
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

	}

	private final class DropCounter implements LongCounter {

		@Override
		public void add(long value) {
		}

		@Override
		public void add(long value, Attributes attributes) {
			if (Boolean.TRUE.equals(attributes.get(DROPPED))) {
				QueueDropMeterProvider.this.onDropped.accept(value);
			}
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			add(value, attributes);
		}

	}

}
