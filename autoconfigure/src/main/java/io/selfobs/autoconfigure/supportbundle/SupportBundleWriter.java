package io.selfobs.autoconfigure.supportbundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.MonitorInfo;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.selfobs.autoconfigure.redaction.Redactor;
import io.selfobs.autoconfigure.systemhealth.ServiceSnapshot;
import io.selfobs.autoconfigure.systemhealth.ServiceSnapshotReader;
import io.selfobs.autoconfigure.worker.QueueStatus;
import io.selfobs.autoconfigure.worker.WorkerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Writes the support bundle zip. Each section is produced, redacted and fitted into what
 * is left of the size cap (a section that does not fit is cut, logs from the oldest end),
 * then {@code manifest.json} lists the sections, their sizes, what was cut and how many
 * values were redacted per category. Never included: database contents, request or
 * response bodies, a heap dump, environment variables other than {@code OTEL_*}.
 * Internal, not API.
 */
final class SupportBundleWriter {

	static final List<String> CONFIGURATION_PREFIXES = List.of("otel.", "management.", "spring.");

	private static final String MASK = "[REDACTED]";

	// Room kept for the manifest and the zip's own structures
	private static final int RESERVE = 64 * 1024;

	private final ServiceSnapshotReader snapshots;

	private final ConfigurableEnvironment environment;

	private final @Nullable BuildProperties build;

	private final @Nullable LogRingBuffer logs;

	private final Supplier<@Nullable String> prometheusText;

	private final Redactor redactor;

	private final long maxBytes;

	private final Clock clock;

	SupportBundleWriter(ServiceSnapshotReader snapshots, ConfigurableEnvironment environment,
			@Nullable BuildProperties build, @Nullable LogRingBuffer logs, Supplier<@Nullable String> prometheusText,
			Redactor redactor, long maxBytes, Clock clock) {
		this.snapshots = snapshots;
		this.environment = environment;
		this.build = build;
		this.logs = logs;
		this.prometheusText = prometheusText;
		this.redactor = redactor;
		this.maxBytes = maxBytes;
		this.clock = clock;
	}

	byte[] write() {
		Instant now = this.clock.instant();
		ServiceSnapshot snapshot = this.snapshots.everything();
		Bundle bundle = new Bundle(Math.max(this.maxBytes - RESERVE, 4096));
		bundle.add("service.json", "Service, build and runtime identity", Json.write(service(snapshot)), false);
		bundle.add("health.json", "Every health group with its members' details", Json.write(health(snapshot)), false);
		bundle.add("telemetry.json", "Telemetry pipelines, workers and durable queues", Json.write(telemetry(snapshot)),
				false);
		bundle.add("configuration.properties", "otel.*, management.*, spring.* and OTEL_* settings, secrets masked",
				configuration(bundle), false);
		bundle.add("jvm.json", "JVM, memory, garbage collection and operating system facts", Json.write(jvm(bundle)),
				false);
		bundle.addLarge("threads.txt", "Thread dump", "", threads(), false);
		String metrics = this.prometheusText.get();
		if (metrics != null) {
			bundle.addLarge("metrics.prom", "Metrics snapshot in the Prometheus text format", "",
					redactText(bundle, "metrics", metrics), false);
		}
		else {
			bundle.skip("metrics.prom", "No Prometheus registry in the application");
		}
		if (this.logs != null) {
			LogRingBuffer.Lines lines = this.logs.lines(this.redactor);
			bundle.redacted("logs.secret_in_text", lines.redacted());
			String header = (lines.dropped() > 0) ? "# " + lines.dropped()
					+ " older lines were dropped from the in-memory buffer before this bundle\n" : "";
			bundle.addLarge("logs.txt", "Most recent log lines, oldest first", header,
					String.join("\n", lines.lines()) + "\n", true);
		}
		else {
			bundle.skip("logs.txt", "Logback is not the logging backend, so no log lines are kept");
		}
		return bundle.finish(now, snapshot.service());
	}

	private Map<String, Object> service(ServiceSnapshot snapshot) {
		Map<String, Object> service = new LinkedHashMap<>(snapshot.service());
		if (this.build != null) {
			Map<String, Object> build = new LinkedHashMap<>();
			build.put("group", this.build.getGroup());
			build.put("artifact", this.build.getArtifact());
			build.put("name", this.build.getName());
			build.put("version", this.build.getVersion());
			build.put("time", this.build.getTime());
			service.put("build", build);
		}
		service.put("springBootVersion", SpringBootVersion.getVersion());
		service.put("activeProfiles", List.of(this.environment.getActiveProfiles()));
		RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
		service.put("startedAt", Instant.ofEpochMilli(runtime.getStartTime()));
		service.put("uptime", Duration.ofMillis(runtime.getUptime()).toString());
		service.put("generatedAt", snapshot.takenAt());
		return service;
	}

	private static Map<String, Object> health(ServiceSnapshot snapshot) {
		Map<String, Object> groups = new LinkedHashMap<>();
		for (ServiceSnapshot.Group group : snapshot.groups()) {
			Map<String, Object> members = new LinkedHashMap<>();
			for (ServiceSnapshot.Component member : group.members()) {
				Map<String, Object> component = new LinkedHashMap<>();
				component.put("status", member.status());
				if (!member.details().isEmpty()) {
					component.put("details", member.details());
				}
				members.put(member.name(), component);
			}
			groups.put(group.name(), Map.of("status", group.status(), "components", members));
		}
		return groups;
	}

	private static Map<String, Object> telemetry(ServiceSnapshot snapshot) {
		Map<String, Object> telemetry = new LinkedHashMap<>();
		List<Object> pipelines = new ArrayList<>();
		for (ServiceSnapshot.Pipeline pipeline : snapshot.pipelines()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("signal", pipeline.signal());
			entry.put("exporting", pipeline.exporting());
			entry.put("destination", pipeline.destination());
			entry.put("transport", pipeline.transport());
			entry.put("lastSuccessfulExport", pipeline.lastSuccess());
			entry.put("exportedBatches", pipeline.exportedBatches());
			entry.put("failedBatches", pipeline.failedBatches());
			entry.put("droppedItems", pipeline.droppedItems());
			pipelines.add(entry);
		}
		telemetry.put("pipelines", pipelines);
		List<Object> workers = new ArrayList<>();
		for (WorkerStatus worker : snapshot.workers()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", worker.name());
			entry.put("state", worker.state().name());
			entry.put("stallThreshold", worker.stallThreshold().toString());
			entry.put("lastSuccessfulCycle", worker.lastSuccessfulCycle());
			entry.put("cycles", worker.cycles());
			entry.put("failedCycles", worker.failedCycles());
			entry.put("consecutiveFailures", worker.consecutiveFailures());
			entry.put("itemsDelivered", worker.itemsDelivered());
			entry.put("itemsFailed", worker.itemsFailed());
			entry.put("lastError", worker.lastError());
			workers.add(entry);
		}
		telemetry.put("workers", workers);
		List<Object> queues = new ArrayList<>();
		for (QueueStatus queue : snapshot.queues()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", queue.name());
			entry.put("depth", queue.depth());
			entry.put("oldestItemAgeSeconds",
					(queue.oldestItemAge() != null) ? queue.oldestItemAge().toSeconds() : null);
			entry.put("sampledAt", queue.sampledAt());
			entry.put("sampleError", queue.sampleError());
			queues.add(entry);
		}
		telemetry.put("queues", queues);
		return telemetry;
	}

	private String configuration(Bundle bundle) {
		Map<String, String> values = new TreeMap<>();
		Map<String, String> origins = new TreeMap<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				if (values.containsKey(name) || !included(name)) {
					continue;
				}
				Object raw = enumerable.getProperty(name);
				String value;
				try {
					value = this.environment.getProperty(name);
				}
				catch (RuntimeException ex) {
					value = null;
				}
				values.put(name, (value != null) ? value : String.valueOf(raw));
				origins.put(name, source.getName());
			}
		}
		StringBuilder text = new StringBuilder(4096);
		text.append(
				"# Effective configuration under otel.*, management.*, spring.* and OTEL_* environment variables.\n")
			.append("# Secrets are masked; the property source each value comes from follows it.\n");
		values.forEach((name, value) -> {
			String shown;
			if (this.redactor.isSensitiveKey(name) || this.redactor.isSensitiveKey(lastSegment(name))) {
				shown = MASK;
				bundle.redacted("configuration.sensitive_key", 1);
			}
			else {
				shown = this.redactor.redactValue(name, value);
				if (!shown.equals(value)) {
					bundle.redacted("configuration.secret_in_value", 1);
				}
			}
			text.append(name)
				.append(" = ")
				.append(oneLine(shown))
				.append("    # ")
				.append(origins.get(name))
				.append('\n');
		});
		return text.toString();
	}

	private static boolean included(String name) {
		if (name.startsWith("OTEL_")) {
			return true;
		}
		for (String prefix : CONFIGURATION_PREFIXES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static String lastSegment(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : name;
	}

	private static String oneLine(String value) {
		return value.replace("\r", "\\r").replace("\n", "\\n");
	}

	private Map<String, Object> jvm(Bundle bundle) {
		Map<String, Object> jvm = new LinkedHashMap<>();
		RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
		jvm.put("javaVersion", System.getProperty("java.version"));
		jvm.put("javaVendor", System.getProperty("java.vendor"));
		jvm.put("vm", runtime.getVmName() + " " + runtime.getVmVersion());
		jvm.put("pid", ProcessHandle.current().pid());
		List<String> arguments = new ArrayList<>();
		for (String argument : runtime.getInputArguments()) {
			String shown = redactArgument(argument);
			if (!shown.equals(argument)) {
				bundle.redacted("jvm.argument", 1);
			}
			arguments.add(shown);
		}
		jvm.put("inputArguments", arguments);
		Runtime rt = Runtime.getRuntime();
		jvm.put("availableProcessors", rt.availableProcessors());
		jvm.put("heap", memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()));
		jvm.put("nonHeap", memory(ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage()));
		Map<String, Object> gc = new LinkedHashMap<>();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			gc.put(collector.getName(),
					Map.of("collections", collector.getCollectionCount(), "timeMillis", collector.getCollectionTime()));
		}
		jvm.put("garbageCollectors", gc);
		jvm.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
		jvm.put("peakThreads", ManagementFactory.getThreadMXBean().getPeakThreadCount());
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		Map<String, Object> system = new LinkedHashMap<>();
		system.put("name", os.getName());
		system.put("version", os.getVersion());
		system.put("arch", os.getArch());
		system.put("loadAverage", os.getSystemLoadAverage());
		if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
			system.put("totalMemoryBytes", sun.getTotalMemorySize());
			system.put("freeMemoryBytes", sun.getFreeMemorySize());
			system.put("processCpuLoad", sun.getProcessCpuLoad());
		}
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			system.put("openFileDescriptors", unix.getOpenFileDescriptorCount());
			system.put("maxFileDescriptors", unix.getMaxFileDescriptorCount());
		}
		jvm.put("os", system);
		return jvm;
	}

	private String redactArgument(String argument) {
		int equals = argument.indexOf('=');
		if (argument.startsWith("-D") && equals > 2) {
			String key = argument.substring(2, equals);
			return "-D" + key + "=" + this.redactor.redactValue(key, argument.substring(equals + 1));
		}
		return this.redactor.redact(argument);
	}

	private static Map<String, Object> memory(MemoryUsage usage) {
		Map<String, Object> memory = new LinkedHashMap<>();
		memory.put("usedBytes", usage.getUsed());
		memory.put("committedBytes", usage.getCommitted());
		memory.put("maxBytes", usage.getMax());
		return memory;
	}

	private String threads() {
		ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
		StringBuilder dump = new StringBuilder(64 * 1024);
		dump.append("Thread dump at ")
			.append(this.clock.instant())
			.append(", ")
			.append(threads.length)
			.append(" threads\n\n");
		for (ThreadInfo thread : threads) {
			dump.append('"')
				.append(this.redactor.redact(thread.getThreadName()))
				.append("\" #")
				.append(thread.getThreadId())
				.append(thread.isDaemon() ? " daemon" : "")
				.append(" ")
				.append(thread.getThreadState());
			if (thread.getLockName() != null) {
				dump.append(" on ").append(thread.getLockName());
			}
			if (thread.getLockOwnerName() != null) {
				dump.append(" owned by \"").append(this.redactor.redact(thread.getLockOwnerName())).append('"');
			}
			dump.append('\n');
			StackTraceElement[] frames = thread.getStackTrace();
			MonitorInfo[] monitors = thread.getLockedMonitors();
			for (int i = 0; i < frames.length; i++) {
				dump.append("\tat ").append(frames[i]).append('\n');
				for (MonitorInfo monitor : monitors) {
					if (monitor.getLockedStackDepth() == i) {
						dump.append("\t- locked ").append(monitor).append('\n');
					}
				}
			}
			for (LockInfo lock : thread.getLockedSynchronizers()) {
				dump.append("\t- locked synchronizer ").append(lock).append('\n');
			}
			dump.append('\n');
		}
		return dump.toString();
	}

	private String redactText(Bundle bundle, String category, String text) {
		StringBuilder result = new StringBuilder(text.length());
		int changed = 0;
		for (String line : text.split("\n", -1)) {
			String redacted = this.redactor.redact(line);
			if (!redacted.equals(line)) {
				changed++;
			}
			result.append(redacted).append('\n');
		}
		bundle.redacted(category + ".secret_in_text", changed);
		return result.toString();
	}

	/**
	 * The sections of the zip and what the manifest will say about them. Small sections
	 * get what they need first, in order; the large ones (threads, metrics, logs) then
	 * share what is left fairly, so that no one of them crowds the others out.
	 */
	private static final class Bundle {

		private final long budget;

		private final List<Section> sections = new ArrayList<>();

		private final List<Map<String, Object>> skipped = new ArrayList<>();

		private final Map<String, Integer> redactions = new TreeMap<>();

		Bundle(long budget) {
			this.budget = budget;
		}

		void redacted(String category, int count) {
			if (count > 0) {
				this.redactions.merge(category, count, Integer::sum);
			}
		}

		void skip(String file, String reason) {
			Map<String, Object> section = new LinkedHashMap<>();
			section.put("file", file);
			section.put("included", false);
			section.put("reason", reason);
			this.skipped.add(section);
		}

		void add(String file, String description, String content, boolean keepEnd) {
			this.sections.add(new Section(file, description, "", content, keepEnd, false));
		}

		void addLarge(String file, String description, String preface, String content, boolean keepEnd) {
			this.sections.add(new Section(file, description, preface, content, keepEnd, true));
		}

		byte[] finish(Instant now, Map<String, String> service) {
			Map<Section, Long> allowance = allocate();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
			List<Map<String, Object>> listed = new ArrayList<>();
			try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
				for (Section section : this.sections) {
					byte[] data = section.fit(allowance.getOrDefault(section, 0L));
					entry(zip, section.file, data);
					Map<String, Object> entry = new LinkedHashMap<>();
					entry.put("file", section.file);
					entry.put("included", true);
					entry.put("description", section.description);
					entry.put("bytes", data.length);
					entry.put("truncated", data.length < section.size());
					listed.add(entry);
				}
				listed.addAll(this.skipped);
				Map<String, Object> manifest = new LinkedHashMap<>();
				manifest.put("format", "selfobs-support-bundle/1");
				manifest.put("generatedAt", now);
				manifest.put("service", service);
				manifest.put("sizeCapBytes", this.budget + RESERVE);
				manifest.put("sections", listed);
				manifest.put("redactions", this.redactions);
				manifest.put("redactionNote", "Counts of values masked per category; the values themselves are never "
						+ "included. Log lines and metrics are also passed through the service's Redactor.");
				manifest.put("neverIncluded",
						List.of("database contents", "request and response bodies", "heap dump",
								"environment variables other than OTEL_*",
								"properties outside otel.*, management.*, spring.*"));
				entry(zip, "manifest.json", Json.write(manifest).getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return bytes.toByteArray();
		}

		private Map<Section, Long> allocate() {
			Map<Section, Long> allowance = new java.util.IdentityHashMap<>();
			long left = this.budget;
			for (Section section : this.sections) {
				if (!section.large) {
					long given = Math.min(section.size(), left);
					allowance.put(section, given);
					left -= given;
				}
			}
			List<Section> large = this.sections.stream()
				.filter((section) -> section.large)
				.sorted(java.util.Comparator.comparingLong(Section::size))
				.toList();
			for (int i = 0; i < large.size(); i++) {
				Section section = large.get(i);
				long given = Math.min(section.size(), left / (large.size() - i));
				allowance.put(section, given);
				left -= given;
			}
			return allowance;
		}

		private static void entry(ZipOutputStream zip, String file, byte[] data) throws IOException {
			zip.putNextEntry(new ZipEntry(file));
			zip.write(data);
			zip.closeEntry();
		}

	}

	/**
	 * One section's content, cut to its allowance at a line break: keeping the start, or
	 * the end when {@code keepEnd} (the most recent log lines), with a note saying so
	 * after the preface.
	 */
	private static final class Section {

		private final String file;

		private final String description;

		private final String preface;

		private final byte[] content;

		private final boolean keepEnd;

		private final boolean large;

		Section(String file, String description, String preface, String content, boolean keepEnd, boolean large) {
			this.file = file;
			this.description = description;
			this.preface = preface;
			this.content = content.getBytes(StandardCharsets.UTF_8);
			this.keepEnd = keepEnd;
			this.large = large;
		}

		long size() {
			return this.preface.getBytes(StandardCharsets.UTF_8).length + (long) this.content.length;
		}

		byte[] fit(long allowance) {
			if (size() <= allowance) {
				return (this.preface + new String(this.content, StandardCharsets.UTF_8))
					.getBytes(StandardCharsets.UTF_8);
			}
			String note = this.keepEnd ? "[truncated: older lines were cut to fit the bundle's size cap]\n"
					: "\n[truncated: the rest was cut to fit the bundle's size cap]\n";
			int keep = (int) Math.max(0,
					allowance - note.length() - this.preface.getBytes(StandardCharsets.UTF_8).length);
			String kept;
			if (this.keepEnd) {
				kept = new String(this.content, this.content.length - keep, keep, StandardCharsets.UTF_8);
				int lineStart = kept.indexOf('\n');
				kept = (lineStart >= 0) ? kept.substring(lineStart + 1) : "";
				return (this.preface + note + kept).getBytes(StandardCharsets.UTF_8);
			}
			kept = new String(this.content, 0, keep, StandardCharsets.UTF_8);
			int lineEnd = kept.lastIndexOf('\n');
			kept = (lineEnd >= 0) ? kept.substring(0, lineEnd + 1) : "";
			return (this.preface + kept + note).getBytes(StandardCharsets.UTF_8);
		}

	}

}
