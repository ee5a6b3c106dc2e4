package io.selfobs.autoconfigure.logging.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import ch.qos.logback.classic.LoggerContext;
import io.selfobs.autoconfigure.logging.OtelLoggingProperties;
import io.selfobs.autoconfigure.logging.OtelLoggingProperties.ConsoleFormat;
import io.selfobs.autoconfigure.logging.OtelLoggingProperties.ConsoleOverflow;
import io.selfobs.autoconfigure.logging.internal.console.AsyncConsoleAppender;
import io.selfobs.autoconfigure.logging.internal.console.ConsoleFormatInstaller;
import io.selfobs.autoconfigure.logging.internal.console.EcsConsoleInstaller;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsServiceFields;
import io.selfobs.autoconfigure.logging.internal.otlp.OtlpLogAppender;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.OtelProperties;
import io.selfobs.autoconfigure.otlp.OtelResourceAttributes;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestinationResolver;
import io.selfobs.autoconfigure.otlp.internal.OtelValueConverter;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Runs right after Spring Boot has configured logback: puts the ECS encoder on the
 * console when {@code otel.logging.console.format=ecs} (unless the user brought a logback
 * configuration, which always wins) redacts Spring Boot's text console otherwise, writes
 * either through selfobs' non-blocking console appender, and attaches selfobs' OTLP log
 * appender when logs are exported, so records from the very start are kept. Internal, not
 * API.
 */
public final class LoggingSetupListener implements GenericApplicationListener {

	/**
	 * Runs just after {@link LoggingApplicationListener}.
	 */
	public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

	static final String DEFAULTS_SOURCE = "selfobsLoggingDefaults";

	private static final String ECS_ENCODER = "co.elastic.logging.logback.EcsEncoder";

	private static final String OTEL_LOGS_API = "io.opentelemetry.api.logs.LoggerProvider";

	private static final List<String> USER_CONFIGURATIONS = List.of("logback-test.xml", "logback-test.groovy",
			"logback.xml", "logback.groovy", "logback-test-spring.xml", "logback-test-spring.groovy",
			"logback-spring.xml", "logback-spring.groovy");

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.toClass();
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
				|| ContextRefreshedEvent.class.isAssignableFrom(type)
				|| ContextClosedEvent.class.isAssignableFrom(type);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ContextRefreshedEvent || event instanceof ContextClosedEvent) {
			if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
				// Startup and shutdown lines are written before the logging call returns;
				// requests never wait
				boolean closed = event instanceof ContextClosedEvent;
				AsyncConsoleAppender.serving(context, !closed);
				if (closed) {
					AsyncConsoleAppender.flush(context);
				}
			}
			return;
		}
		ConfigurableEnvironment environment = ((ApplicationEnvironmentPreparedEvent) event).getEnvironment();
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			setUp(context, environment, classLoader(event));
		}
	}

	void setUp(LoggerContext context, ConfigurableEnvironment environment, @Nullable ClassLoader classLoader) {
		// the OTel spellings of the closed sets (http/protobuf, ...) bind here as they do
		// in the context
		Binder binder = OtelValueConverter.binder(environment);
		OtelProperties otel = binder.bind("otel", OtelProperties.class).orElseGet(OtelProperties::new);
		OtelLoggingProperties logging = binder.bind("otel.logging", OtelLoggingProperties.class)
			.orElseGet(OtelLoggingProperties::new);
		ConsoleFormat format = logging.getConsole().getFormat();
		logging.getConsole().validate();
		AsyncConsoleAppender.Settings console = new AsyncConsoleAppender.Settings(logging.getConsole().getQueueSize(),
				logging.getConsole().getOverflow() == ConsoleOverflow.WAIT, logging.getConsole().getShutdownTimeout());
		addDefaults(environment, otel, format);
		boolean ecsAvailable = ClassUtils.isPresent(ECS_ENCODER, classLoader);
		if (format == ConsoleFormat.ECS && !ecsAvailable) {
			throw new InvalidOtelPropertyException("otel.logging.console.format", "ecs",
					"co.elastic.logging:logback-ecs-encoder is not on the class path",
					"add co.elastic.logging:logback-ecs-encoder (the selfobs starter brings it) or use text");
		}
		if (!hasUserConfiguration(environment, classLoader)) {
			if (format == ConsoleFormat.ECS) {
				EcsConsoleInstaller.install(context, serviceFields(environment, otel, classLoader), console);
			}
			else {
				ConsoleFormatInstaller.installText(context, console);
			}
		}
		if (ClassUtils.isPresent(OTEL_LOGS_API, classLoader)) {
			if (new OtlpDestinationResolver(otel).isEnabled(logging)) {
				OtlpLogAppender.attach(context, logging.getExport().getStartupBufferSize());
			}
			else {
				OtlpLogAppender.detach(context);
			}
		}
	}

	/**
	 * Console lines are written before any bean exists: fixing the instance id now lets
	 * the ECS {@code service.node.name} and the OTLP resource's
	 * {@code service.instance.id} agree. In ECS mode the banner, which is not a log
	 * event, is off unless the user turned it on.
	 */
	private static void addDefaults(ConfigurableEnvironment environment, OtelProperties otel, ConsoleFormat format) {
		if (environment.getPropertySources().contains(DEFAULTS_SOURCE)) {
			return;
		}
		Map<String, Object> defaults = new HashMap<>();
		if (!otel.getResourceAttributes().containsKey("service.instance.id")) {
			String id = UUID.randomUUID().toString();
			defaults.put("otel.resource-attributes[service.instance.id]", id);
			otel.getResourceAttributes().put("service.instance.id", id);
		}
		if (format == ConsoleFormat.ECS) {
			defaults.put("spring.main.banner-mode", "off");
		}
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
	}

	private static EcsServiceFields serviceFields(ConfigurableEnvironment environment, OtelProperties otel,
			@Nullable ClassLoader classLoader) {
		OtelResourceAttributes attributes = new OtelResourceAttributes(otel,
				environment.getProperty("spring.application.name"), buildVersion(environment, classLoader));
		return EcsServiceFields.of(attributes.asMap());
	}

	private static @Nullable String buildVersion(ConfigurableEnvironment environment,
			@Nullable ClassLoader classLoader) {
		String location = environment.getProperty("spring.info.build.location",
				"classpath:META-INF/build-info.properties");
		Resource resource = new ClassPathResource(location.replaceFirst("^classpath:", ""), classLoader);
		if (!location.startsWith("classpath:") || !resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("build.version");
		}
		catch (IOException ex) {
			return null;
		}
	}

	static boolean hasUserConfiguration(ConfigurableEnvironment environment, @Nullable ClassLoader classLoader) {
		if (StringUtils.hasText(environment.getProperty(LoggingApplicationListener.CONFIG_PROPERTY))) {
			return true;
		}
		return USER_CONFIGURATIONS.stream().anyMatch((name) -> new ClassPathResource(name, classLoader).exists());
	}

	private static @Nullable ClassLoader classLoader(ApplicationEvent event) {
		ClassLoader classLoader = ((ApplicationEnvironmentPreparedEvent) event).getSpringApplication().getClassLoader();
		return (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
	}

}
