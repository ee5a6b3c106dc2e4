package io.selfobs.autoconfigure.otlp.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Keeps {@code OTEL_METRICS_EXPORTER}, {@code OTEL_TRACES_EXPORTER} and
 * {@code OTEL_LOGS_EXPORTER} selfobs' to interpret. Spring Boot 4.1 maps them onto the
 * switches of its own OTLP exporters, at the highest precedence; selfobs exports those
 * signals itself, so Boot's exporters would send every span, metric and log record a
 * second time. This drops just those three switches from Boot's mapped variables, once
 * every environment post-processor has run (whatever their order), so the same
 * environment gives one export on every Boot line. The user's own {@code management.*}
 * settings are untouched. Internal, not API.
 */
public final class OtelVariablesOwnershipListener
		implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/**
	 * The property source Spring Boot 4.1 puts its mapped {@code OTEL_*} variables in.
	 */
	static final String BOOT_SOURCE_NAME = "openTelemetryEnvironmentVariables";

	static final Set<String> BOOT_EXPORTER_SWITCHES = Set.of("management.otlp.metrics.export.enabled",
			"management.tracing.export.otlp.enabled", "management.logging.export.otlp.enabled");

	private static final Log logger = LogFactory.getLog(OtelVariablesOwnershipListener.class);

	@Override
	public int getOrder() {
		return EnvironmentPostProcessorApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		withoutBootExporterSwitches(event.getEnvironment().getPropertySources());
	}

	static void withoutBootExporterSwitches(MutablePropertySources sources) {
		PropertySource<?> mapped = sources.get(BOOT_SOURCE_NAME);
		if (!(mapped instanceof MapPropertySource map)
				|| BOOT_EXPORTER_SWITCHES.stream().noneMatch(map.getSource()::containsKey)) {
			return;
		}
		Map<String, Object> kept = new LinkedHashMap<>(map.getSource());
		kept.keySet().removeAll(BOOT_EXPORTER_SWITCHES);
		sources.replace(BOOT_SOURCE_NAME, new OriginTrackedMapPropertySource(BOOT_SOURCE_NAME, kept));
		logger.debug("OTEL_*_EXPORTER variables are applied by selfobs, not to Spring Boot's own OTLP exporters");
	}

}
