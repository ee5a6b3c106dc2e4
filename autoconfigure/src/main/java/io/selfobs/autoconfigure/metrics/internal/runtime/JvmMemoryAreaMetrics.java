package io.selfobs.autoconfigure.metrics.internal.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * The JVM memory gauges with one series per area instead of one per memory pool:
 * {@code jvm.memory.used}, {@code jvm.memory.committed} and {@code jvm.memory.max} tagged
 * {@code area} = {@code heap} | {@code nonheap}, read from the {@link MemoryMXBean} (the
 * JVM's own totals, so {@code max} is the heap limit rather than a sum in which undefined
 * pool limits count as -1). As a filter it denies Micrometer's per-pool series of the
 * same names (those with an {@code id} tag), which would otherwise carry eight series
 * each on a G1 JVM. The values are read when the scrape or the push asks for them.
 * Internal, not API.
 */
public final class JvmMemoryAreaMetrics implements MeterBinder, MeterFilter {

	private static final Set<String> NAMES = Set.of("jvm.memory.used", "jvm.memory.committed", "jvm.memory.max");

	private static final String POOL_TAG = "id";

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		return (NAMES.contains(id.getName()) && id.getTag(POOL_TAG) != null) ? MeterFilterReply.DENY
				: MeterFilterReply.NEUTRAL;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		register(registry, memory, "heap", MemoryMXBean::getHeapMemoryUsage);
		register(registry, memory, "nonheap", MemoryMXBean::getNonHeapMemoryUsage);
	}

	private static void register(MeterRegistry registry, MemoryMXBean memory, String area,
			Function<MemoryMXBean, MemoryUsage> usage) {
		gauge(registry, memory, area, usage, "jvm.memory.used", MemoryUsage::getUsed, "The amount of used memory");
		gauge(registry, memory, area, usage, "jvm.memory.committed", MemoryUsage::getCommitted,
				"The amount of memory in bytes that is committed for the Java virtual machine to use");
		gauge(registry, memory, area, usage, "jvm.memory.max", MemoryUsage::getMax,
				"The maximum amount of memory in bytes that can be used for memory management (-1 when undefined)");
	}

	private static void gauge(MeterRegistry registry, MemoryMXBean memory, String area,
			Function<MemoryMXBean, MemoryUsage> usage, String name, ToLongFunction<MemoryUsage> value,
			String description) {
		Gauge.builder(name, memory, (bean) -> value.applyAsLong(usage.apply(bean)))
			.tag("area", area)
			.baseUnit("bytes")
			.description(description)
			.register(registry);
	}

}
