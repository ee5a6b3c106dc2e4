package io.selfobs.autoconfigure.logging.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * What one HTTP request's access event says, captured once on the request thread: plain
 * values, nothing encoded. The ECS line (encoded later, on the console writer thread),
 * the OTLP log record and, when another appender needs it, a logback event are all built
 * from these facts by {@link #fields(Fields)}. Internal, not API.
 */
public final class RequestEvent {

	/**
	 * Logger name of access events.
	 */
	public static final String ACCESS_LOGGER = "selfobs.http.access";

	/**
	 * The message pattern of access events as logged through SLF4J.
	 */
	static final String MESSAGE_FORMAT = "{} {} {} ({} ms)";

	static final List<String> WEB = List.of("web");

	static final List<String> ACCESS = List.of("access");

	static final String HEADER_PREFIX = "http.request.header.";

	private static final String FQCN = RequestEvent.class.getName();

	public final Instant timestamp;

	public final String threadName;

	public final Map<String, String> mdc;

	public final @Nullable String traceId;

	public final @Nullable String spanId;

	final String method;

	final String path;

	final @Nullable String query;

	final @Nullable Map<String, String> headers;

	final int status;

	final long durationNanos;

	final @Nullable String clientAddress;

	final @Nullable String userAgent;

	final @Nullable String userId;

	final @Nullable String organizationId;

	final long requestBytes;

	final long responseBytes;

	/**
	 * Create the facts of one access event.
	 * @param timestamp when the exchange ended
	 * @param threadName the request thread
	 * @param mdc the request thread's MDC (an immutable snapshot)
	 * @param traceId the request span's trace id, may be null
	 * @param spanId the request span's id, may be null
	 * @param method the request method
	 * @param path the redacted path
	 * @param query the redacted query, may be null
	 * @param headers allow-listed request headers by lower-case name, redacted, may be
	 * null
	 * @param status the response status
	 * @param durationNanos duration of the exchange
	 * @param clientAddress the client address, may be null
	 * @param userAgent the user agent, may be null
	 * @param userId the user id, may be null
	 * @param organizationId the organization id, may be null
	 * @param requestBytes the declared request body length, negative when unknown
	 * @param responseBytes the response body length, negative when unknown
	 */
	public RequestEvent(Instant timestamp, String threadName, Map<String, String> mdc, @Nullable String traceId,
			@Nullable String spanId, String method, String path, @Nullable String query,
			@Nullable Map<String, String> headers, int status, long durationNanos, @Nullable String clientAddress,
			@Nullable String userAgent, @Nullable String userId, @Nullable String organizationId, long requestBytes,
			long responseBytes) {
		this.timestamp = timestamp;
		this.threadName = threadName;
		this.mdc = (mdc != null) ? mdc : Map.of();
		this.traceId = traceId;
		this.spanId = spanId;
		this.method = method;
		this.path = path;
		this.query = query;
		this.headers = headers;
		this.status = status;
		this.durationNanos = durationNanos;
		this.clientAddress = clientAddress;
		this.userAgent = userAgent;
		this.userId = userId;
		this.organizationId = organizationId;
		this.requestBytes = requestBytes;
		this.responseBytes = responseBytes;
	}

	/**
	 * Receives the fields of an event, in the order they are written.
	 */
	public interface Fields {

		void string(String key, String value);

		void number(String key, long value);

		void strings(String key, List<String> values);

		/**
		 * A text field whose value is one of selfobs' constants.
		 * @param key the key
		 * @param value the constant
		 */
		default void constant(String key, String value) {
			string(key, value);
		}

		/**
		 * A list field whose values are selfobs' constants.
		 * @param key the key
		 * @param values the constants
		 */
		default void constants(String key, List<String> values) {
			strings(key, values);
		}

	}

	/**
	 * The request's target as logged: redacted path and query.
	 * @return path and query
	 */
	String target() {
		return (this.query != null) ? this.path + "?" + this.query : this.path;
	}

	/**
	 * {@code event.outcome}: a request answered with a client or server error failed
	 * (ECS).
	 * @return failure or success
	 */
	String outcome() {
		return (this.status >= 400) ? "failure" : "success";
	}

	/**
	 * The event's message, e.g. {@code GET /hello?name=ada 200 (3 ms)}.
	 * @return the message
	 */
	public String message() {
		return this.method + " " + target() + " " + this.status + " (" + (this.durationNanos / 1_000_000) + " ms)";
	}

	/**
	 * Pass every present field to the receiver, in ECS order.
	 * @param fields the receiver
	 */
	public void fields(Fields fields) {
		fields.constant("event.kind", "event");
		fields.constants("event.category", WEB);
		fields.constants("event.type", ACCESS);
		fields.string("http.request.method", this.method);
		fields.string("url.path", this.path);
		optional(fields, "url.query", this.query);
		optional(fields, "trace.id", this.traceId);
		optional(fields, "span.id", this.spanId);
		if (this.headers != null) {
			this.headers.forEach((name, value) -> fields.string(HEADER_PREFIX + name, value));
		}
		fields.constant("event.outcome", outcome());
		fields.number("event.duration", this.durationNanos);
		fields.number("http.response.status_code", this.status);
		optional(fields, "client.address", this.clientAddress);
		optional(fields, "client.ip", this.clientAddress);
		optional(fields, "user_agent.original", this.userAgent);
		optional(fields, "user.id", this.userId);
		optional(fields, "organization.id", this.organizationId);
		if (this.requestBytes >= 0) {
			fields.number("http.request.body.bytes", this.requestBytes);
		}
		if (this.responseBytes >= 0) {
			fields.number("http.response.body.bytes", this.responseBytes);
		}
	}

	/**
	 * The most fields {@link #fields(Fields)} passes, to size what receives them.
	 * @return an upper bound of the field count
	 */
	public int maxFieldCount() {
		return 18 + ((this.headers != null) ? this.headers.size() : 0);
	}

	private static void optional(Fields fields, String key, @Nullable String value) {
		if (value != null) {
			fields.string(key, value);
		}
	}

	/**
	 * The same event as logback sees one logged through SLF4J, for encoders and appenders
	 * other than selfobs'. Built off the request thread.
	 * @param context the logback context
	 * @return a logging event
	 */
	public LoggingEvent toLoggingEvent(LoggerContext context) {
		LoggingEvent event = new LoggingEvent(FQCN, context.getLogger(ACCESS_LOGGER), Level.INFO, MESSAGE_FORMAT, null,
				new Object[] { this.method, target(), this.status, this.durationNanos / 1_000_000 });
		event.setInstant(this.timestamp);
		event.setThreadName(this.threadName);
		event.setMDCPropertyMap(this.mdc);
		fields(new Fields() {

			@Override
			public void string(String key, String value) {
				event.addKeyValuePair(new KeyValuePair(key, value));
			}

			@Override
			public void number(String key, long value) {
				event.addKeyValuePair(new KeyValuePair(key, value));
			}

			@Override
			public void strings(String key, List<String> values) {
				event.addKeyValuePair(new KeyValuePair(key, values));
			}

		});
		return event;
	}

}
