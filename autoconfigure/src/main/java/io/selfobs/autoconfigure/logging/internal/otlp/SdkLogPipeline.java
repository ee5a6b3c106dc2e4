package io.selfobs.autoconfigure.logging.internal.otlp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One instrumentation scope of an {@link SdkLoggerProvider}, fed directly: a record
 * handed to {@link #emit} goes to the provider's processors (every
 * {@link LogRecordProcessor} of the provider, in its order) exactly as one emitted
 * through the Logs API, after the same checks (provider shut down, scope disabled by the
 * logger configurator). What the Logs API does not allow is the record's class: the
 * request event's record keeps its facts and builds its attributes only when asked
 * ({@link RequestEventLogRecord}), on the batch processor's worker.
 * <p>
 * The SDK has no public access to its processors, so they are read once, reflectively,
 * from the provider's shared state; {@link #of} answers {@code null} when that fails (an
 * SDK whose internals differ) and the caller stays on the Logs API. Internal, not API.
 */
final class SdkLogPipeline {

	private static final Log logger = LogFactory.getLog(SdkLogPipeline.class);

	private final Logger scopeLogger;

	private final InstrumentationScopeInfo scope;

	private final Object sharedState;

	private final LogRecordProcessor processor;

	private final Resource resource;

	private final Clock clock;

	private final MethodHandle hasBeenShutdown;

	private final MethodHandle logLimits;

	private final MethodHandle isEnabled;

	private final @Nullable MethodHandle instrumentation;

	private final @Nullable MethodHandle emitLog;

	private SdkLogPipeline(Logger scopeLogger, InstrumentationScopeInfo scope, Object sharedState,
			LogRecordProcessor processor, Resource resource, Clock clock, MethodHandle hasBeenShutdown,
			MethodHandle logLimits, MethodHandle isEnabled, @Nullable MethodHandle instrumentation,
			@Nullable MethodHandle emitLog) {
		this.scopeLogger = scopeLogger;
		this.scope = scope;
		this.sharedState = sharedState;
		this.processor = processor;
		this.resource = resource;
		this.clock = clock;
		this.hasBeenShutdown = hasBeenShutdown;
		this.logLimits = logLimits;
		this.isEnabled = isEnabled;
		this.instrumentation = instrumentation;
		this.emitLog = emitLog;
	}

	/**
	 * The pipeline of one scope of the provider.
	 * @param provider the SDK's logger provider
	 * @param scopeName the instrumentation scope (logger name)
	 * @return the pipeline, or {@code null} when the SDK's internals cannot be read
	 */
	static @Nullable SdkLogPipeline of(SdkLoggerProvider provider, String scopeName) {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			Field sharedStateField = SdkLoggerProvider.class.getDeclaredField("sharedState");
			sharedStateField.setAccessible(true);
			Object sharedState = sharedStateField.get(provider);
			Class<?> sharedStateClass = sharedState.getClass();
			LogRecordProcessor processor = (LogRecordProcessor) accessible(sharedStateClass, "getLogRecordProcessor")
				.invoke(sharedState);
			Resource resource = (Resource) accessible(sharedStateClass, "getResource").invoke(sharedState);
			Clock clock = (Clock) accessible(sharedStateClass, "getClock").invoke(sharedState);
			MethodHandle hasBeenShutdown = lookup.unreflect(accessible(sharedStateClass, "hasBeenShutdown"))
				.asType(MethodType.methodType(boolean.class, Object.class));
			MethodHandle logLimits = lookup.unreflect(accessible(sharedStateClass, "getLogLimits"))
				.asType(MethodType.methodType(LogLimits.class, Object.class));
			Logger scopeLogger = provider.get(scopeName);
			Method isEnabled = scopeLogger.getClass().getMethod("isEnabled", Severity.class, Context.class);
			isEnabled.setAccessible(true);
			// SDK 1.59+ counts created records when the SDK's own telemetry is on
			MethodHandle instrumentation = null;
			MethodHandle emitLog = null;
			Method getInstrumentation = optionalMethod(sharedStateClass, "getLoggerInstrumentation");
			if (getInstrumentation != null) {
				Method emit = optionalMethod(getInstrumentation.getReturnType(), "emitLog");
				if (emit != null) {
					instrumentation = lookup.unreflect(getInstrumentation)
						.asType(MethodType.methodType(Object.class, Object.class));
					emitLog = lookup.unreflect(emit).asType(MethodType.methodType(void.class, Object.class));
				}
			}
			return new SdkLogPipeline(scopeLogger, InstrumentationScopeInfo.create(scopeName), sharedState, processor,
					resource, clock, hasBeenShutdown, logLimits,
					lookup.unreflect(isEnabled)
						.asType(MethodType.methodType(boolean.class, Object.class, Severity.class, Context.class)),
					instrumentation, emitLog);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Request events go through the OpenTelemetry Logs API: the SDK's log processors cannot be "
					+ "read (" + ex + ")");
			return null;
		}
	}

	private static Method accessible(Class<?> type, String name) throws NoSuchMethodException {
		Method method = type.getDeclaredMethod(name);
		method.setAccessible(true);
		return method;
	}

	private static @Nullable Method optionalMethod(Class<?> type, String name) {
		try {
			return accessible(type, name);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	InstrumentationScopeInfo scope() {
		return this.scope;
	}

	Resource resource() {
		return this.resource;
	}

	/**
	 * The time the SDK stamps as a record's observed timestamp.
	 * @return epoch nanoseconds
	 */
	long now() {
		return this.clock.now();
	}

	/**
	 * The SDK's attribute limits now (they can be supplied dynamically).
	 * @return the limits
	 */
	LogLimits logLimits() {
		try {
			return (LogLimits) this.logLimits.invokeExact(this.sharedState);
		}
		catch (Throwable ex) {
			return LogLimits.getDefault();
		}
	}

	/**
	 * Whether a record of this severity would be emitted: the provider is running and the
	 * scope is enabled (and, on newer SDKs, the severity and trace conditions of its
	 * logger configuration hold).
	 * @param severity the record's severity
	 * @param context the record's context
	 * @return whether to build and emit the record
	 */
	boolean isEnabled(Severity severity, Context context) {
		try {
			return !(boolean) this.hasBeenShutdown.invokeExact(this.sharedState)
					&& (boolean) this.isEnabled.invokeExact((Object) this.scopeLogger, severity, context);
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Hand a record to the provider's processors, as the SDK's log record builder does.
	 * @param context the record's context
	 * @param record the record
	 */
	void emit(Context context, ReadWriteLogRecord record) {
		if (this.instrumentation != null && this.emitLog != null) {
			try {
				this.emitLog.invokeExact((Object) this.instrumentation.invokeExact(this.sharedState));
			}
			catch (Throwable ex) {
				// the SDK's self-telemetry only; the record still goes out
			}
		}
		this.processor.onEmit(context, record);
	}

}
