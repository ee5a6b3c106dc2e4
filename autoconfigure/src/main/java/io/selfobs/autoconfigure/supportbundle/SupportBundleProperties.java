package io.selfobs.autoconfigure.supportbundle;

import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The support bundle, the {@code supportbundle} actuator endpoint, configured under
 * {@code otel.support-bundle}. Like every actuator endpoint other than health and
 * Prometheus it is served only once exposed
 * ({@code management.endpoints.web.exposure.include}).
 *
 * @see SupportBundleAutoConfiguration
 */
@ConfigurationProperties("otel.support-bundle")
public class SupportBundleProperties implements InitializingBean {

	/**
	 * Whether to provide the support bundle endpoint and keep recent log lines in memory
	 * for it.
	 */
	private boolean enabled = true;

	/**
	 * Whether the bundle may be served on the main server port when Actuator shares it.
	 * By default it is served only on a separate management port (management.server.port)
	 * and answers 404 on the main port.
	 */
	private boolean allowOnServerPort = false;

	/**
	 * Largest bundle, at least 128KB. Sections that do not fit are truncated (logs keep
	 * their most recent lines) and the manifest says so.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(16);

	/**
	 * Recent log lines kept in memory for the bundle (a ring buffer; the oldest line is
	 * dropped first).
	 */
	private int logLines = 2000;

	/**
	 * Longest log line kept (message, MDC and stack trace together), at least 256; longer
	 * ones are cut and marked.
	 */
	private int maxLogLineLength = 8192;

	/**
	 * Smallest bundle the writer can honour: what is below is raised silently otherwise.
	 */
	static final DataSize MIN_SIZE = DataSize.ofKilobytes(128);

	/**
	 * Shortest log line the ring buffer keeps: what is below is raised silently
	 * otherwise.
	 */
	static final int MIN_LOG_LINE_LENGTH = 256;

	@Override
	public void afterPropertiesSet() {
		if (this.maxSize == null || this.maxSize.compareTo(MIN_SIZE) < 0) {
			throw new InvalidOtelPropertyException("otel.support-bundle.max-size", String.valueOf(this.maxSize),
					"a bundle needs at least " + MIN_SIZE.toKilobytes() + "KB", "use a size such as 16MB");
		}
		if (this.logLines < 1) {
			throw new InvalidOtelPropertyException("otel.support-bundle.log-lines", String.valueOf(this.logLines),
					"at least one log line must be kept", "use a number such as 2000");
		}
		if (this.maxLogLineLength < MIN_LOG_LINE_LENGTH) {
			throw new InvalidOtelPropertyException("otel.support-bundle.max-log-line-length",
					String.valueOf(this.maxLogLineLength),
					"a line must be allowed at least " + MIN_LOG_LINE_LENGTH + " characters",
					"use a length such as 8192");
		}
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAllowOnServerPort() {
		return this.allowOnServerPort;
	}

	public void setAllowOnServerPort(boolean allowOnServerPort) {
		this.allowOnServerPort = allowOnServerPort;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public int getLogLines() {
		return this.logLines;
	}

	public void setLogLines(int logLines) {
		this.logLines = logLines;
	}

	public int getMaxLogLineLength() {
		return this.maxLogLineLength;
	}

	public void setMaxLogLineLength(int maxLogLineLength) {
		this.maxLogLineLength = maxLogLineLength;
	}

}
