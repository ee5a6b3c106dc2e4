package io.selfobs.autoconfigure.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtlpBatchSettings;
import io.selfobs.autoconfigure.otlp.OtlpSignal;
import io.selfobs.autoconfigure.otlp.OtlpSignalProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Logging settings: the console format, request events and OTLP log export (connection
 * fields inherited).
 */
@ConfigurationProperties("otel.logging")
public class OtelLoggingProperties extends OtlpSignalProperties {

	private final Console console = new Console();

	private final RequestEvents requestEvents = new RequestEvents();

	private final Export export = new Export();

	public OtelLoggingProperties() {
		super(OtlpSignal.LOGS);
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		this.console.validate();
		this.export.validate("otel.logging.export");
		if (this.export.startupBufferSize < 0) {
			throw new InvalidOtelPropertyException("otel.logging.export.startup-buffer-size",
					String.valueOf(this.export.startupBufferSize), "the buffer size cannot be negative",
					"use 0 to drop startup records or a positive number such as 1000");
		}
		for (String path : this.requestEvents.excludePaths) {
			pathPattern("otel.logging.request-events.exclude-paths", path);
		}
		for (String path : this.requestEvents.includePaths) {
			pathPattern("otel.logging.request-events.include-paths", path);
		}
	}

	private static void positive(String property, long value, String example) {
		if (value <= 0) {
			throw new InvalidOtelPropertyException(property, String.valueOf(value), "the value must be positive",
					"use a positive number such as " + example);
		}
	}

	private static void pathPattern(String property, String path) {
		if (path == null || !path.startsWith("/")) {
			throw new InvalidOtelPropertyException(property, String.valueOf(path), "a path pattern must start with '/'",
					"use a pattern such as /healthz or /actuator/**");
		}
	}

	public Console getConsole() {
		return this.console;
	}

	public RequestEvents getRequestEvents() {
		return this.requestEvents;
	}

	public Export getExport() {
		return this.export;
	}

	/**
	 * What the console (stdout) shows.
	 */
	public static class Console {

		/**
		 * Console format: text (Spring Boot's pattern) or ecs (one ECS JSON document per
		 * line). A user logback configuration always wins.
		 */
		private ConsoleFormat format = ConsoleFormat.TEXT;

		/**
		 * Lines held for the console writer thread; when stdout does not keep up, what
		 * does not fit is handled as the overflow policy says.
		 */
		private int queueSize = 8192;

		/**
		 * What a logging thread does when the console queue is full: drop the line and
		 * count it (the default; a stalled stdout never stalls the service) or wait for
		 * room.
		 */
		private ConsoleOverflow overflow = ConsoleOverflow.DROP;

		/**
		 * How long stopping the application waits for queued lines to reach stdout; what
		 * is left then (stdout stalled) is counted as dropped.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

		public ConsoleFormat getFormat() {
			return this.format;
		}

		public void setFormat(ConsoleFormat format) {
			this.format = format;
		}

		public int getQueueSize() {
			return this.queueSize;
		}

		public void setQueueSize(int queueSize) {
			this.queueSize = queueSize;
		}

		public ConsoleOverflow getOverflow() {
			return this.overflow;
		}

		public void setOverflow(ConsoleOverflow overflow) {
			this.overflow = overflow;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		/**
		 * Check the settings.
		 * @throws InvalidOtelPropertyException naming the property of an invalid value
		 */
		public void validate() {
			positive("otel.logging.console.queue-size", this.queueSize, "8192");
			if (this.shutdownTimeout == null || this.shutdownTimeout.isNegative()) {
				throw new InvalidOtelPropertyException("otel.logging.console.shutdown-timeout",
						String.valueOf(this.shutdownTimeout), "the timeout cannot be negative",
						"use a duration such as 5s");
			}
		}

	}

	/**
	 * What a logging thread does when the console queue is full.
	 */
	public enum ConsoleOverflow {

		/**
		 * Drop the line and count it in
		 * {@code selfobs_log_dropped_total{reason="queue_full"}}.
		 */
		DROP,

		/**
		 * Wait until the writer makes room: no line is lost, but a stalled stdout stalls
		 * every thread that logs.
		 */
		WAIT

	}

	/**
	 * Console formats.
	 */
	public enum ConsoleFormat {

		/**
		 * Spring Boot's human-readable pattern.
		 */
		TEXT,

		/**
		 * One ECS JSON document per line.
		 */
		ECS

	}

	/**
	 * One log event per HTTP request (logger {@code selfobs.http.access}).
	 */
	public static class RequestEvents {

		/**
		 * Whether to log one event per HTTP request.
		 */
		private boolean enabled = true;

		/**
		 * Ant-style path patterns without request events; the Prometheus scrape path is
		 * always added.
		 */
		private List<String> excludePaths = new ArrayList<>(
				List.of("/livez", "/readyz", "/startupz", "/healthz", "/actuator/**"));

		/**
		 * Ant-style path patterns that get request events even when an exclude pattern
		 * matches.
		 */
		private List<String> includePaths = new ArrayList<>();

		/**
		 * Request header carrying the user id, used when no authenticated principal is
		 * present.
		 */
		private @Nullable String userIdHeader;

		/**
		 * Request attribute carrying the user id; wins over the header and the principal.
		 */
		private @Nullable String userIdAttribute;

		/**
		 * Request header carrying the tenant, logged as organization.id.
		 */
		private @Nullable String organizationIdHeader;

		/**
		 * Request attribute carrying the tenant, logged as organization.id; wins over the
		 * header.
		 */
		private @Nullable String organizationIdAttribute;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getExcludePaths() {
			return this.excludePaths;
		}

		public void setExcludePaths(List<String> excludePaths) {
			this.excludePaths = excludePaths;
		}

		public List<String> getIncludePaths() {
			return this.includePaths;
		}

		public void setIncludePaths(List<String> includePaths) {
			this.includePaths = includePaths;
		}

		public @Nullable String getUserIdHeader() {
			return this.userIdHeader;
		}

		public void setUserIdHeader(@Nullable String userIdHeader) {
			this.userIdHeader = userIdHeader;
		}

		public @Nullable String getUserIdAttribute() {
			return this.userIdAttribute;
		}

		public void setUserIdAttribute(@Nullable String userIdAttribute) {
			this.userIdAttribute = userIdAttribute;
		}

		public @Nullable String getOrganizationIdHeader() {
			return this.organizationIdHeader;
		}

		public void setOrganizationIdHeader(@Nullable String organizationIdHeader) {
			this.organizationIdHeader = organizationIdHeader;
		}

		public @Nullable String getOrganizationIdAttribute() {
			return this.organizationIdAttribute;
		}

		public void setOrganizationIdAttribute(@Nullable String organizationIdAttribute) {
			this.organizationIdAttribute = organizationIdAttribute;
		}

	}

	/**
	 * The in-process queue between logging threads and the OTLP exporter, plus the
	 * startup buffer.
	 */
	public static class Export extends OtlpBatchSettings {

		/**
		 * Log records kept from startup, before the OpenTelemetry SDK exists, and
		 * exported once it does.
		 */
		private int startupBufferSize = 1000;

		public Export() {
			super(Duration.ofSeconds(1));
		}

		public int getStartupBufferSize() {
			return this.startupBufferSize;
		}

		public void setStartupBufferSize(int startupBufferSize) {
			this.startupBufferSize = startupBufferSize;
		}

	}

}
