package io.selfobs.autoconfigure.metrics.internal.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The process metrics every Prometheus process dashboard queries, under the names of the
 * Prometheus Java client's process collector: {@code process_cpu_seconds_total},
 * {@code process_resident_memory_bytes}, {@code process_virtual_memory_bytes},
 * {@code process_open_fds}, {@code process_max_fds} ({@code process_start_time_seconds}
 * comes from Micrometer's uptime binder). Registered as Micrometer meters, so the OTLP
 * push carries them too. Memory is read from {@code /proc/self/status} where it exists
 * (Linux), and otherwise left out; the values are read when the scrape or the push asks
 * for them, never on a request. Internal, not API.
 */
public final class ProcessMetrics implements MeterBinder {

	private static final Path STATUS = Path.of("/proc/self/status");

	@Override
	public void bindTo(MeterRegistry registry) {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
			FunctionCounter.builder("process.cpu", sun, (bean) -> bean.getProcessCpuTime() / 1e9)
				.baseUnit("seconds")
				.description("Total user and system CPU time spent in seconds")
				.register(registry);
		}
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			Gauge
				.builder("process.open.fds", unix,
						com.sun.management.UnixOperatingSystemMXBean::getOpenFileDescriptorCount)
				.description("Number of open file descriptors")
				.register(registry);
			Gauge
				.builder("process.max.fds", unix,
						com.sun.management.UnixOperatingSystemMXBean::getMaxFileDescriptorCount)
				.description("Maximum number of open file descriptors")
				.register(registry);
		}
		if (Files.isReadable(STATUS)) {
			Gauge.builder("process.resident.memory", () -> statusBytes("VmRSS:"))
				.baseUnit("bytes")
				.description("Resident memory size in bytes")
				.register(registry);
			Gauge.builder("process.virtual.memory", () -> statusBytes("VmSize:"))
				.baseUnit("bytes")
				.description("Virtual memory size in bytes")
				.register(registry);
		}
	}

	/** A {@code kB} line of /proc/self/status in bytes, NaN when it cannot be read. */
	static double statusBytes(String field) {
		try {
			for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
				if (line.startsWith(field)) {
					String[] parts = line.substring(field.length()).trim().split("\\s+");
					return Long.parseLong(parts[0]) * 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Unreadable: the gauge reports NaN, which Prometheus treats as no value
		}
		return Double.NaN;
	}

}
