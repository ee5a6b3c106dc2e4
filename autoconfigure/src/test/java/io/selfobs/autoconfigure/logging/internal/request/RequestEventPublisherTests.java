package io.selfobs.autoconfigure.logging.internal.request;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.selfobs.autoconfigure.logging.internal.console.AsyncConsoleAppender;
import io.selfobs.autoconfigure.logging.internal.otlp.OtlpLogAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application on selfobs' console (either format, OTLP export on) request events go
 * to selfobs' appenders as facts; as soon as another appender can see the access logger,
 * they go through SLF4J so that appender gets them.
 */
class RequestEventPublisherTests {

	@Test
	void requestEventsBypassLogbackOnlyWhileSelfobsAppendersAreTheOnlyOnes() {
		for (String format : new String[] { "ecs", "text" }) {
			LoggingSystem.get(getClass().getClassLoader()).cleanUp();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MinimalApplication.class)
				.web(WebApplicationType.NONE)
				.properties("otel.logging.console.format=" + format, "otel.logging.endpoint=http://localhost:1",
						"spring.jmx.enabled=false")
				.run()) {
				LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
				assertThat(AsyncConsoleAppender.console(logback)).isInstanceOf(AsyncConsoleAppender.class);
				assertThat(logback.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(OtlpLogAppender.APPENDER_NAME))
					.isInstanceOf(OtlpLogAppender.class);
				RequestEventPublisher publisher = new RequestEventPublisher();
				assertThat(publisher.canPublish()).as(format).isTrue();
				assertThat(publisher.isEnabled()).isTrue();
				logback.getLogger(RequestEvent.ACCESS_LOGGER).setLevel(ch.qos.logback.classic.Level.WARN);
				assertThat(publisher.isEnabled()).isFalse();
				logback.getLogger(RequestEvent.ACCESS_LOGGER).setLevel(null);

				ListAppender<ILoggingEvent> other = new ListAppender<>();
				other.start();
				Logger http = logback.getLogger("selfobs.http");
				http.addAppender(other);
				try {
					assertThat(publisher.canPublish()).isFalse();
				}
				finally {
					http.detachAppender(other);
				}
			}
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

}
