package io.selfobs.autoconfigure.logging.internal.request;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.selfobs.autoconfigure.redaction.Redactor;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs one ECS access event per HTTP request at the end of the exchange (logger
 * {@code selfobs.http.access}), and a separate error event (logger
 * {@code selfobs.http.error}) when an exception escapes the application. Runs inside the
 * observation filter, so both carry the request's trace and span ids. The access event's
 * facts are captured once ({@link RequestEvent}) and handed to selfobs' console and OTLP
 * appenders as they are; the console encodes them on its writer thread. With other
 * appenders in play the event is logged through SLF4J with key/value pairs, like the
 * error event: typed ECS fields on the console, attributes in OTLP. The path and query
 * are redacted, and only the request headers the {@link Redactor} allows are recorded, as
 * {@code http.request.header.<name>}. Internal, not API.
 */
public final class RequestEventFilter extends OncePerRequestFilter {

	static final Logger accessLogger = LoggerFactory.getLogger("selfobs.http.access");

	static final Logger errorLogger = LoggerFactory.getLogger("selfobs.http.error");

	private static final List<String> ERROR = List.of("error");

	private final RequestPathPatterns excludePaths;

	private final RequestPathPatterns includePaths;

	private final RequestIdentity identity;

	private final Redactor redactor;

	private final RequestEventPublisher publisher = new RequestEventPublisher();

	private volatile @Nullable String alreadyFilteredAttributeName;

	public RequestEventFilter(List<String> excludePaths, List<String> includePaths, RequestIdentity identity,
			Redactor redactor) {
		this.excludePaths = new RequestPathPatterns(excludePaths);
		this.includePaths = new RequestPathPatterns(includePaths);
		this.identity = identity;
		this.redactor = redactor;
	}

	/**
	 * The name {@link OncePerRequestFilter} builds on every request, built once: the
	 * filter's name does not change once it is in service.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		String name = this.alreadyFilteredAttributeName;
		if (name == null) {
			name = super.getAlreadyFilteredAttributeName();
			this.alreadyFilteredAttributeName = name;
		}
		return name;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = pathWithinApplication(request);
		return this.excludePaths.matches(path) && !this.includePaths.matches(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Exchange exchange = new Exchange(request, new CountingResponse(response), currentId("trace.id", "traceId"),
				currentId("span.id", "spanId"), this.redactor.redact(request.getRequestURI()),
				this.redactor.redactQuery(request.getQueryString()));
		Throwable failure = null;
		try {
			chain.doFilter(request, exchange.response());
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			failure = ex;
			logError(exchange, rootCause(ex));
			throw ex;
		}
		finally {
			if (failure == null && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new AsyncCompletion(exchange, start));
			}
			else {
				logAccess(exchange, start, failure != null);
			}
		}
	}

	private void logAccess(Exchange exchange, long start, boolean failed) {
		boolean publish = this.publisher.canPublish();
		if (publish && !this.publisher.isEnabled()) {
			return;
		}
		long duration = System.nanoTime() - start;
		HttpServletRequest request = exchange.request();
		int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : exchange.response().getStatus();
		RequestEvent event = new RequestEvent(Instant.now(), Thread.currentThread().getName(),
				RequestEventPublisher.mdcSnapshot(), exchange.traceId(), exchange.spanId(), request.getMethod(),
				exchange.path(), exchange.query(), allowedHeaders(request), status, duration, request.getRemoteAddr(),
				request.getHeader("User-Agent"), this.identity.userId(request), this.identity.organizationId(request),
				request.getContentLengthLong(), exchange.response().bodyBytes());
		if (publish) {
			this.publisher.publish(event);
		}
		else {
			logThroughSlf4j(event);
		}
	}

	/**
	 * The event as an SLF4J event with key/value pairs, for appenders other than
	 * selfobs'.
	 */
	private static void logThroughSlf4j(RequestEvent event) {
		LoggingEventBuilder builder = accessLogger.atInfo();
		event.fields(new RequestEvent.Fields() {

			@Override
			public void string(String key, String value) {
				builder.addKeyValue(key, value);
			}

			@Override
			public void number(String key, long value) {
				builder.addKeyValue(key, value);
			}

			@Override
			public void strings(String key, List<String> values) {
				builder.addKeyValue(key, values);
			}

		});
		builder.log(RequestEvent.MESSAGE_FORMAT, event.method, event.target(), event.status,
				event.durationNanos / 1_000_000);
	}

	private void logError(Exchange exchange, Throwable error) {
		LoggingEventBuilder event = common(errorLogger.atError(), exchange, ERROR);
		put(event, "event.outcome", "failure");
		event.setCause(error)
			.log("Unhandled {} in {} {}", error.getClass().getName(), exchange.request().getMethod(),
					exchange.target());
	}

	private LoggingEventBuilder common(LoggingEventBuilder event, Exchange exchange, List<String> type) {
		put(event, "event.kind", "event");
		put(event, "event.category", RequestEvent.WEB);
		put(event, "event.type", type);
		put(event, "http.request.method", exchange.request().getMethod());
		put(event, "url.path", exchange.path());
		put(event, "url.query", exchange.query());
		put(event, "trace.id", exchange.traceId());
		put(event, "span.id", exchange.spanId());
		Map<String, String> headers = allowedHeaders(exchange.request());
		if (headers != null) {
			headers.forEach((name, value) -> put(event, RequestEvent.HEADER_PREFIX + name, value));
		}
		return event;
	}

	/**
	 * The allow-listed headers by lower-case name, repeated ones joined with {@code ", "}
	 * as RFC 9110 allows. Most requests carry none: then nothing is built.
	 */
	private @Nullable Map<String, String> allowedHeaders(HttpServletRequest request) {
		Map<String, String> headers = null;
		Enumeration<String> names = request.getHeaderNames();
		while (names != null && names.hasMoreElements()) {
			String name = names.nextElement();
			if (this.redactor.isAllowedHeader(name)) {
				headers = (headers != null) ? headers : new LinkedHashMap<>();
				// getHeaders ignores case, so one lookup returns the values of every
				// spelling
				headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
						(key) -> String.join(", ", Collections.list(request.getHeaders(name))));
			}
		}
		return (headers != null) ? this.redactor.allowedHeaders(headers) : null;
	}

	private static String currentId(String dottedKey, String camelCaseKey) {
		String id = MDC.get(dottedKey);
		return (id != null) ? id : MDC.get(camelCaseKey);
	}

	private static void put(LoggingEventBuilder event, String key, Object value) {
		if (value != null) {
			event.addKeyValue(key, value);
		}
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (StringUtils.hasLength(context) && uri.startsWith(context)) ? uri.substring(context.length()) : uri;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable current = ex;
		while (current instanceof ServletException && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * One request and what was known of it when it entered: trace ids are read then,
	 * while the observation's scope is open (an async completion runs on another thread);
	 * path and query are redacted once.
	 */
	private record Exchange(HttpServletRequest request, CountingResponse response, String traceId, String spanId,
			String path, String query) {

		String target() {
			return (this.query != null) ? this.path + "?" + this.query : this.path;
		}

	}

	private final class AsyncCompletion implements AsyncListener {

		private final Exchange exchange;

		private final long start;

		AsyncCompletion(Exchange exchange, long start) {
			this.exchange = exchange;
			this.start = start;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			logAccess(this.exchange, this.start, false);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
			if (event.getThrowable() != null) {
				logError(this.exchange, rootCause(event.getThrowable()));
			}
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
