package io.selfobs.autoconfigure.logging.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.EcsJsonSerializer;
import co.elastic.logging.JsonUtils;
import co.elastic.logging.logback.EcsEncoder;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The ECS encoder selfobs installs on the console. On top of {@link EcsEncoder} it writes SLF4J key/value
 * pairs as typed fields (a repeated key keeps its last value), every marker as a tag, {@code trace.id}/{@code span.id} from either MDC naming, never a
 * key twice (an MDC key equal to an encoder field is dropped), and passes the message, MDC values, key/value
 * pairs, the exception message and the stack trace through the current {@link Redactor}.
 */
public class SelfobsEcsEncoder extends EcsEncoder implements ConsoleEncoderWrapper {

	private static final List<String> ENCODER_KEYS = List.of("@timestamp", "log.level", "message", "ecs.version",
			"tags", "labels", "service.name", "service.version", "service.environment", "service.node.name",
			"event.dataset", "process.thread.name", "log.logger", "log.origin.file.name", "log.origin.file.line",
			"log.origin.function");

	private static final List<String> ERROR_KEYS = List.of("error.type", "error.message", "error.stack_trace");

	private static final EcsFieldNames TAKEN = EcsFieldNames.of(ENCODER_KEYS);

	private static final EcsFieldNames TAKEN_WITH_ERROR = EcsFieldNames
		.of(Stream.concat(ENCODER_KEYS.stream(), ERROR_KEYS.stream()).toList());

	/**
	 * Spring's commons-logging bridge marks every event it forwards; as a tag it would only be noise.
	 */
	private static final String COMMONS_LOGGING_MARKER = "COMMONS-LOGGING";

	private static final Set<String> TRACE_KEYS = Set.of("trace.id", "traceId", "span.id", "spanId");

	private final Encoder<ILoggingEvent> original;

	private @Nullable String serviceName;

	private @Nullable String serviceVersion;

	private @Nullable String serviceEnvironment;

	private @Nullable String serviceNodeName;

	private @Nullable String eventDataset;

	/**
	 * Create an encoder.
	 * @param original the encoder Spring Boot configured, put back when the console returns to text
	 */
	public SelfobsEcsEncoder(Encoder<ILoggingEvent> original) {
		this.original = original;
		setStackTraceAsArray(false);
	}

	@Override
	public Encoder<ILoggingEvent> original() {
		return this.original;
	}

	@Override
	public void setServiceName(@Nullable String serviceName) {
		this.serviceName = serviceName;
		super.setServiceName(serviceName);
	}

	@Override
	public void setServiceVersion(@Nullable String serviceVersion) {
		this.serviceVersion = serviceVersion;
		super.setServiceVersion(serviceVersion);
	}

	@Override
	public void setServiceEnvironment(@Nullable String serviceEnvironment) {
		this.serviceEnvironment = serviceEnvironment;
		super.setServiceEnvironment(serviceEnvironment);
	}

	@Override
	public void setServiceNodeName(@Nullable String serviceNodeName) {
		this.serviceNodeName = serviceNodeName;
		super.setServiceNodeName(serviceNodeName);
	}

	@Override
	public void setEventDataset(@Nullable String eventDataset) {
		this.eventDataset = eventDataset;
		super.setEventDataset(eventDataset);
	}

	@Override
	public void start() {
		this.eventDataset = EcsJsonSerializer.computeEventDataset(this.eventDataset, this.serviceName);
		RedactingThrowableConverter converter = new RedactingThrowableConverter();
		converter.setContext(getContext());
		converter.start();
		setThrowableConverter(converter);
		super.start();
	}

	@Override
	public void setStackTraceAsArray(boolean stackTraceAsArray) {
		// One event per line: an array would spread a stack trace over many lines of many shippers
		super.setStackTraceAsArray(false);
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return super.encode(RedactedLoggingEvent.forEcs(event, LogbackRedactorHolder.get()));
	}

	@Override
	protected void addCustomFields(ILoggingEvent event, StringBuilder builder) {
		ILoggingEvent original = (event instanceof RedactedLoggingEvent view) ? view.original() : event;
		EcsFieldWriter fields = new EcsFieldWriter(builder, LogbackRedactorHolder.get(),
				(original.getThrowableProxy() != null) ? TAKEN_WITH_ERROR : TAKEN);
		writeTags(original.getMarkerList(), builder);
		Map<String, String> mdc = original.getMDCPropertyMap();
		fields.plain("trace.id", firstPresent(mdc, "trace.id", "traceId"));
		fields.plain("span.id", firstPresent(mdc, "span.id", "spanId"));
		writeKeyValues(original.getKeyValuePairs(), fields);
		mdc.forEach((key, value) -> {
			if (!TRACE_KEYS.contains(key)) {
				fields.value(key, value);
			}
		});
	}

	/**
	 * Append the ECS line of a request event, the same line {@link #encode} writes for the access event logged
	 * through SLF4J, straight from its facts into the caller's (reusable) builder.
	 * @param event the request event
	 * @param json where the line goes, newline included
	 */
	public void encodeRequestEvent(RequestEvent event, StringBuilder json) {
		Redactor redactor = LogbackRedactorHolder.get();
		EcsJsonSerializer.serializeObjectStart(json, event.timestamp.toEpochMilli());
		EcsJsonSerializer.serializeLogLevel(json, "INFO");
		EcsJsonSerializer.serializeFormattedMessage(json, redactor.redact(event.message()));
		EcsJsonSerializer.serializeEcsVersion(json);
		EcsJsonSerializer.serializeServiceName(json, this.serviceName);
		EcsJsonSerializer.serializeServiceVersion(json, this.serviceVersion);
		EcsJsonSerializer.serializeServiceEnvironment(json, this.serviceEnvironment);
		EcsJsonSerializer.serializeServiceNodeName(json, this.serviceNodeName);
		EcsJsonSerializer.serializeEventDataset(json, this.eventDataset);
		EcsJsonSerializer.serializeThreadName(json, event.threadName);
		EcsJsonSerializer.serializeLoggerName(json, RequestEvent.ACCESS_LOGGER);
		EcsFieldWriter fields = new EcsFieldWriter(json, redactor, TAKEN);
		Map<String, String> mdc = event.mdc;
		String traceId = firstPresent(mdc, "trace.id", "traceId");
		String spanId = firstPresent(mdc, "span.id", "spanId");
		fields.plain("trace.id", (traceId != null) ? traceId : event.traceId);
		fields.plain("span.id", (spanId != null) ? spanId : event.spanId);
		event.fields(fields);
		mdc.forEach((key, value) -> {
			if (!TRACE_KEYS.contains(key)) {
				fields.value(key, value);
			}
		});
		EcsJsonSerializer.serializeObjectEnd(json);
	}

	/**
	 * A key given twice is written where it first appears, with its last value, as in the OTLP record's
	 * attributes; the writer refuses the repeated key.
	 */
	private static void writeKeyValues(List<KeyValuePair> pairs, EcsFieldWriter fields) {
		if (pairs == null) {
			return;
		}
		for (int i = 0; i < pairs.size(); i++) {
			fields.value(pairs.get(i).key, lastValue(pairs, i));
		}
	}

	private static Object lastValue(List<KeyValuePair> pairs, int index) {
		KeyValuePair pair = pairs.get(index);
		for (int i = pairs.size() - 1; i > index; i--) {
			if (Objects.equals(pairs.get(i).key, pair.key)) {
				return pairs.get(i).value;
			}
		}
		return pair.value;
	}

	private static void writeTags(List<Marker> markers, StringBuilder builder) {
		if (markers == null || markers.isEmpty()) {
			return;
		}
		Set<String> names = new LinkedHashSet<>();
		markers.forEach((marker) -> collectNames(marker, names));
		names.remove(COMMONS_LOGGING_MARKER);
		if (names.isEmpty()) {
			return;
		}
		builder.append("\"tags\":[");
		boolean first = true;
		for (String name : names) {
			builder.append(first ? "\"" : ",\"");
			JsonUtils.quoteAsString(name, builder);
			builder.append('"');
			first = false;
		}
		builder.append("],");
	}

	private static void collectNames(Marker marker, Set<String> names) {
		if (marker != null && names.add(marker.getName())) {
			marker.iterator().forEachRemaining((reference) -> collectNames(reference, names));
		}
	}

	private static @Nullable String firstPresent(Map<String, String> mdc, String key, String alternative) {
		String value = mdc.get(key);
		return (value != null) ? value : mdc.get(alternative);
	}

	/**
	 * The stack trace as one string (causes and suppressed included), redacted as free text.
	 */
	static final class RedactingThrowableConverter extends ThrowableHandlingConverter {

		private final ThrowableProxyConverter delegate = new ThrowableProxyConverter();

		@Override
		public void start() {
			this.delegate.setContext(getContext());
			this.delegate.start();
			super.start();
		}

		@Override
		public String convert(ILoggingEvent event) {
			ILoggingEvent original = (event instanceof RedactedLoggingEvent view) ? view.original() : event;
			return LogbackRedactorHolder.get().redact(this.delegate.convert(original));
		}

	}

}
