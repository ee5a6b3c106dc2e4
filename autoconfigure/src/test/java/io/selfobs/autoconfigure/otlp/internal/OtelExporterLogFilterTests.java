package io.selfobs.autoconfigure.otlp.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK logs through {@code java.util.logging}: its per-batch warnings stop at the
 * filter, everything else it logs reaches the handlers.
 */
class OtelExporterLogFilterTests {

	private static final String EXPORTER_LOGGER = "io.opentelemetry.exporter.internal.http.HttpExporter";

	private final Logger exporter = Logger.getLogger(EXPORTER_LOGGER);

	private final Logger processor = Logger.getLogger("io.opentelemetry.sdk.trace.export.BatchSpanProcessor");

	private final Logger sdk = Logger.getLogger("io.opentelemetry.sdk.OpenTelemetrySdk");

	private final List<String> published = new CopyOnWriteArrayList<>();

	private final Handler capture = new Handler() {

		@Override
		public void publish(LogRecord record) {
			OtelExporterLogFilterTests.this.published.add(record.getLoggerName() + ": " + record.getMessage());
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	@BeforeEach
	void capture() {
		for (Logger logger : List.of(this.exporter, this.processor, this.sdk)) {
			logger.addHandler(this.capture);
			logger.setUseParentHandlers(false);
		}
		OtelExporterLogFilter.install();
	}

	@AfterEach
	void release() {
		for (Logger logger : List.of(this.exporter, this.processor, this.sdk)) {
			logger.removeHandler(this.capture);
			logger.setUseParentHandlers(true);
		}
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(EXPORTER_LOGGER)).setLevel(null);
	}

	@Test
	void perBatchWarningsOfExportersAndProcessorsAreHeldBack() {
		this.exporter.warning("Failed to export spans. Server responded with HTTP status code 503.");
		this.processor.warning("BatchSpanProcessor dropped 12 spans");
		assertThat(this.published).isEmpty();
	}

	@Test
	void everythingElseTheSdkLogsIsPublished() {
		this.exporter.warning("Unsupported compression 'brotli'");
		this.exporter.info("Failed to export spans. (informational)");
		this.sdk.warning("Failed to export anything: this logger is not a per-batch one");
		assertThat(this.published).containsExactly(EXPORTER_LOGGER + ": Unsupported compression 'brotli'",
				EXPORTER_LOGGER + ": Failed to export spans. (informational)",
				"io.opentelemetry.sdk.OpenTelemetrySdk: Failed to export anything: this logger is not a per-batch one");
	}

	@Test
	void perBatchWarningsArePublishedWhenTheirLoggerIsAtDebug() {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(EXPORTER_LOGGER))
			.setLevel(ch.qos.logback.classic.Level.DEBUG);
		this.exporter.log(Level.SEVERE, "Failed to export spans. The request could not be executed.");
		assertThat(this.published)
			.containsExactly(EXPORTER_LOGGER + ": Failed to export spans. The request could not be executed.");
	}

}
