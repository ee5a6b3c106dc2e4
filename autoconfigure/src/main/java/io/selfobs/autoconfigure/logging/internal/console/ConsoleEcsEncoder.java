package io.selfobs.autoconfigure.logging.internal.console;

import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.EcsJsonSerializer;
import io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsFieldNames;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsFieldWriter;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;

/**
 * The ECS encoder as selfobs installs it on the console: it can give back the encoder
 * Spring Boot configured, and writes request events straight from their facts. Internal,
 * not API.
 */
public final class ConsoleEcsEncoder extends SelfobsEcsEncoder implements ConsoleEncoderWrapper {

	// What ecs-logging's serializer writes for these fields, which are the same on every
	// request event
	private static final String INFO_LEVEL = render((json) -> EcsJsonSerializer.serializeLogLevel(json, "INFO"));

	private static final String ACCESS_LOGGER_NAME = render(
			(json) -> EcsJsonSerializer.serializeLoggerName(json, RequestEvent.ACCESS_LOGGER));

	private static final String MESSAGE_KEY = "\"message\":\"";

	private static final String THREAD_NAME_KEY = "\"process.thread.name\":\"";

	private static final String END_OF_STRING = "\",";

	private final Encoder<ILoggingEvent> original;

	/**
	 * One field writer per encoding thread (the console writer's), reused line after
	 * line.
	 */
	private final ThreadLocal<EcsFieldWriter> requestEventFields = ThreadLocal.withInitial(
			() -> new EcsFieldWriter(new StringBuilder(0), LogbackRedactorHolder.defaults(), EcsFieldNames.ENCODER));

	/**
	 * The fields every line of this encoder carries with the same value (ECS version,
	 * service, event dataset), rendered by ecs-logging once rather than escaped char by
	 * char on every request event; rendered again when a setting changes.
	 */
	private volatile ServiceFields serviceFields = ServiceFields.NONE;

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
		json.append(INFO_LEVEL).append(MESSAGE_KEY);
		EcsFieldWriter.appendEscaped(json, redactor.redact(event.message()));
		json.append(END_OF_STRING).append(serviceFields()).append(THREAD_NAME_KEY);
		EcsFieldWriter.appendEscaped(json, event.threadName);
		json.append(END_OF_STRING).append(ACCESS_LOGGER_NAME);
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

	private String serviceFields() {
		ServiceFields fields = this.serviceFields;
		if (!fields.renderedFor(this)) {
			fields = ServiceFields.of(this);
			this.serviceFields = fields;
		}
		return fields.rendered;
	}

	private static String render(Consumer<StringBuilder> serializer) {
		StringBuilder json = new StringBuilder();
		serializer.accept(json);
		return json.toString();
	}

	/**
	 * The service fields as rendered for the settings they were rendered from (compared
	 * by identity: a setting that changes is a new string).
	 */
	private record ServiceFields(@Nullable String name, @Nullable String version, @Nullable String environment,
			@Nullable String nodeName, @Nullable String dataset, String rendered) {

		static final ServiceFields NONE = new ServiceFields(null, null, null, null, null, "");

		static ServiceFields of(ConsoleEcsEncoder encoder) {
			String name = encoder.getServiceName();
			String version = encoder.getServiceVersion();
			String environment = encoder.getServiceEnvironment();
			String nodeName = encoder.getServiceNodeName();
			String dataset = encoder.getEventDataset();
			return new ServiceFields(name, version, environment, nodeName, dataset, render((json) -> {
				EcsJsonSerializer.serializeEcsVersion(json);
				EcsJsonSerializer.serializeServiceName(json, name);
				EcsJsonSerializer.serializeServiceVersion(json, version);
				EcsJsonSerializer.serializeServiceEnvironment(json, environment);
				EcsJsonSerializer.serializeServiceNodeName(json, nodeName);
				EcsJsonSerializer.serializeEventDataset(json, dataset);
			}));
		}

		boolean renderedFor(ConsoleEcsEncoder encoder) {
			return this != NONE && this.name == encoder.getServiceName() && this.version == encoder.getServiceVersion()
					&& this.environment == encoder.getServiceEnvironment()
					&& this.nodeName == encoder.getServiceNodeName() && this.dataset == encoder.getEventDataset();
		}

	}

}
