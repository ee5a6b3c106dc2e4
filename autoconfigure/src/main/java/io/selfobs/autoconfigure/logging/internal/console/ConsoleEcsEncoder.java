package io.selfobs.autoconfigure.logging.internal.console;

import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.EcsJsonSerializer;
import io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsFieldNames;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsFieldWriter;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * The ECS encoder as selfobs installs it on the console: it can give back the encoder
 * Spring Boot configured, and writes request events straight from their facts. Internal,
 * not API.
 */
public final class ConsoleEcsEncoder extends SelfobsEcsEncoder implements ConsoleEncoderWrapper {

	private final Encoder<ILoggingEvent> original;

	/**
	 * One field writer per encoding thread (the console writer's), reused line after
	 * line.
	 */
	private final ThreadLocal<EcsFieldWriter> requestEventFields = ThreadLocal.withInitial(
			() -> new EcsFieldWriter(new StringBuilder(0), LogbackRedactorHolder.defaults(), EcsFieldNames.ENCODER));

	/**
	 * Create an encoder.
	 * @param original the encoder Spring Boot configured, put back when the console
	 * returns to text
	 */
	public ConsoleEcsEncoder(Encoder<ILoggingEvent> original) {
		this.original = original;
	}

	@Override
	public Encoder<ILoggingEvent> original() {
		return this.original;
	}

	/**
	 * Append the ECS line of a request event, the same line {@link #encode} writes for
	 * the access event logged through SLF4J, straight from its facts into the caller's
	 * (reusable) builder.
	 * @param event the request event
	 * @param json where the line goes, newline included
	 */
	public void encodeRequestEvent(RequestEvent event, StringBuilder json) {
		Redactor redactor = LogbackRedactorHolder.get();
		EcsJsonSerializer.serializeObjectStart(json, event.timestamp.toEpochMilli());
		EcsJsonSerializer.serializeLogLevel(json, "INFO");
		EcsJsonSerializer.serializeFormattedMessage(json, redactor.redact(event.message()));
		EcsJsonSerializer.serializeEcsVersion(json);
		EcsJsonSerializer.serializeServiceName(json, getServiceName());
		EcsJsonSerializer.serializeServiceVersion(json, getServiceVersion());
		EcsJsonSerializer.serializeServiceEnvironment(json, getServiceEnvironment());
		EcsJsonSerializer.serializeServiceNodeName(json, getServiceNodeName());
		EcsJsonSerializer.serializeEventDataset(json, getEventDataset());
		EcsJsonSerializer.serializeThreadName(json, event.threadName);
		EcsJsonSerializer.serializeLoggerName(json, RequestEvent.ACCESS_LOGGER);
		EcsFieldWriter fields = this.requestEventFields.get().reset(json, redactor);
		Map<String, String> mdc = event.mdc;
		String traceId = EcsFieldNames.traceId(mdc);
		String spanId = EcsFieldNames.spanId(mdc);
		fields.plain("trace.id", (traceId != null) ? traceId : event.traceId);
		fields.plain("span.id", (spanId != null) ? spanId : event.spanId);
		event.fields(fields);
		mdc.forEach((key, value) -> {
			if (!EcsFieldNames.isTraceKey(key)) {
				fields.value(key, value);
			}
		});
		EcsJsonSerializer.serializeObjectEnd(json);
	}

}
