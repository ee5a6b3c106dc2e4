package io.selfobs.bench.app.boototel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Hands Spring Boot's OpenTelemetry SDK to the logback appender declared in
 * {@code logback-spring.xml}, as Spring Boot's reference documentation shows for
 * exporting logs over OTLP.
 */
@Component
class OpenTelemetryAppenderInstaller implements InitializingBean {

	private final OpenTelemetry openTelemetry;

	OpenTelemetryAppenderInstaller(OpenTelemetry openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	@Override
	public void afterPropertiesSet() {
		OpenTelemetryAppender.install(this.openTelemetry);
	}

}
