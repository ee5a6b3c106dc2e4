package io.selfobs.autoconfigure.otlp.internal;

import java.util.function.Consumer;
import java.util.function.Predicate;

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
 * A {@link MeterProvider} for an OpenTelemetry SDK component's self-metrics that hands
 * every {@code add} on the long counters it is interested in to a listener and makes
 * every other instrument a no-op: how selfobs learns export outcomes and batch-queue
 * drops from public SDK behaviour without running an SDK meter pipeline. Internal, not
 * API.
 */
public final class CounterListeningMeterProvider implements MeterProvider {

	private final Predicate<String> counterName;

	private final CounterListener listener;

	/**
	 * Create a new instance.
	 * @param counterName which long counters to listen to, by instrument name
	 * @param listener what to do with each value added to one of them
	 */
	public CounterListeningMeterProvider(Predicate<String> counterName, CounterListener listener) {
		this.counterName = counterName;
		this.listener = listener;
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		Meter meter = new ListeningMeter(MeterProvider.noop().get(instrumentationScopeName));
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

	/**
	 * Receives what the SDK adds to a counter of interest.
	 */
	@FunctionalInterface
	public interface CounterListener {

		/**
		 * A value was added.
		 * @param value the value
		 * @param attributes its attributes, empty when the SDK gave none
		 */
		void added(long value, Attributes attributes);

	}

	private final class ListeningMeter implements Meter {

		private final Meter noop;

		ListeningMeter(Meter noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			LongCounterBuilder builder = this.noop.counterBuilder(name);
			return CounterListeningMeterProvider.this.counterName.test(name) ? new ListeningCounterBuilder(builder)
					: builder;
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

	private final class ListeningCounterBuilder implements LongCounterBuilder {

		private final LongCounterBuilder noop;

		ListeningCounterBuilder(LongCounterBuilder noop) {
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
			return new ListeningCounter();
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

	}

	/**
	 * Not named {@code Noop…}: the OTLP exporters rebuild instruments whose class name
	 * says they are no-ops.
	 */
	private final class ListeningCounter implements LongCounter {

		@Override
		public void add(long value) {
			CounterListeningMeterProvider.this.listener.added(value, Attributes.empty());
		}

		@Override
		public void add(long value, Attributes attributes) {
			CounterListeningMeterProvider.this.listener.added(value, attributes);
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			add(value, attributes);
		}

	}

}
