package io.selfobs.autoconfigure.logging.ecs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import co.elastic.logging.EcsJsonSerializer;
import co.elastic.logging.JsonUtils;
import co.elastic.logging.logback.EcsEncoder;
import io.selfobs.autoconfigure.logging.internal.LogbackRedactorHolder;
import io.selfobs.autoconfigure.logging.internal.RedactedLoggingEvent;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsFieldNames;
import io.selfobs.autoconfigure.logging.internal.ecs.EcsFieldWriter;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The ECS JSON encoder selfobs puts on the console, for use in a logback XML
 * configuration as well:
 * {@code <encoder class="io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder"/>}. On
 * top of {@link EcsEncoder} it writes SLF4J key/value pairs as typed fields (a repeated
 * key keeps its last value), every marker as a tag, {@code trace.id}/{@code span.id} from
 * either MDC naming, never a key twice (an MDC key equal to an encoder field is dropped),
 * a stack trace on one line, and passes the message, MDC values, key/value pairs, the
 * exception message and the stack trace through the application's {@link Redactor}.
 */
public class SelfobsEcsEncoder extends EcsEncoder {

	/**
	 * Spring's commons-logging bridge marks every event it forwards; as a tag it would
	 * only be noise.
	 */
	private static final String COMMONS_LOGGING_MARKER = "COMMONS-LOGGING";

	private @Nullable String serviceName;

	private @Nullable String serviceVersion;

	private @Nullable String serviceEnvironment;

	private @Nullable String serviceNodeName;

	private @Nullable String eventDataset;

	/**
	 * Create an encoder.
	 */
	public SelfobsEcsEncoder() {
		setStackTraceAsArray(false);
	}

	/**
	 * The service name written on every line.
	 * @return the service name, or {@code null} when none was set
	 */
	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	/**
	 * The service version written on every line.
	 * @return the service version, or {@code null} when none was set
	 */
	public @Nullable String getServiceVersion() {
		return this.serviceVersion;
	}

	/**
	 * The service environment written on every line.
	 * @return the service environment, or {@code null} when none was set
	 */
	public @Nullable String getServiceEnvironment() {
		return this.serviceEnvironment;
	}

	/**
	 * The service node name written on every line.
	 * @return the service node name, or {@code null} when none was set
	 */
	public @Nullable String getServiceNodeName() {
		return this.serviceNodeName;
	}

	/**
	 * The event dataset written on every line, computed from the service name on start
	 * when not set.
	 * @return the event dataset, or {@code null} when none was set or computed
	 */
	public @Nullable String getEventDataset() {
		return this.eventDataset;
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
		// One event per line: an array would spread a stack trace over many lines of many
		// shippers
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
				(original.getThrowableProxy() != null) ? EcsFieldNames.ENCODER_WITH_ERROR : EcsFieldNames.ENCODER);
		writeTags(original.getMarkerList(), builder);
		Map<String, String> mdc = original.getMDCPropertyMap();
		fields.plain("trace.id", EcsFieldNames.traceId(mdc));
		fields.plain("span.id", EcsFieldNames.spanId(mdc));
		writeKeyValues(original.getKeyValuePairs(), fields);
		mdc.forEach((key, value) -> {
			if (!EcsFieldNames.isTraceKey(key)) {
				fields.value(key, value);
			}
		});
	}

	/**
	 * A key given twice is written where it first appears, with its last value, as in the
	 * OTLP record's attributes; the writer refuses the repeated key.
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

	/**
	 * The stack trace as one string (causes and suppressed included), redacted as free
	 * text.
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
