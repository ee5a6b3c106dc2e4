package io.selfobs.autoconfigure.jdbc.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.selfobs.autoconfigure.jdbc.JdbcStatementContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Records each JDBC statement as {@code db.client.operation.duration} (seconds) with
 * {@code db.system.name}, {@code db.operation.name} (the statement's leading keyword from
 * a closed list, such as {@code SELECT} or {@code INSERT}, else {@code _OTHER}) and
 * {@code error.type} (the exception's simple class name, only on failure). Placed before
 * Micrometer's default meter handler, it replaces the {@code jdbc.query} timer and its
 * long-task timer for these observations. The timers of successful statements are looked
 * up by their two tag values, not registered again per statement. Internal, not API.
 */
public final class DbClientOperationMeterHandler implements MeterObservationHandler<JdbcStatementContext> {

	static final String NAME = "db.client.operation.duration";

	private static final String DESCRIPTION = "Duration of database client operations";

	private static final String OTHER = "_OTHER";

	private static final String[] OPERATIONS = { "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CALL",
			"WITH", "CREATE", "ALTER", "DROP", "TRUNCATE", "BEGIN", "COMMIT", "ROLLBACK", "SET", "SHOW", "EXPLAIN",
			"LOCK", "VALUES", "GRANT", "REVOKE", "COPY" };

	private static final int LONGEST_KEYWORD = 16;

	private final Supplier<@Nullable MeterRegistry> registrySupplier;

	private volatile @Nullable MeterRegistry registry;

	/** Timers of successful statements: by db.system.name, then db.operation.name. */
	private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

	/**
	 * Create the handler.
	 * @param registry supplies the registry on first use (null when the application has
	 * none)
	 */
	public DbClientOperationMeterHandler(Supplier<@Nullable MeterRegistry> registry) {
		this.registrySupplier = registry;
	}

	private @Nullable MeterRegistry registry() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			registry = this.registrySupplier.get();
			this.registry = registry;
		}
		return registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof JdbcStatementContext;
	}

	@Override
	public void onStart(JdbcStatementContext context) {
		MeterRegistry registry = registry();
		if (registry != null) {
			context.put(Timer.Sample.class, Timer.start(registry));
		}
	}

	@Override
	public void onStop(JdbcStatementContext context) {
		Timer.Sample sample = context.get(Timer.Sample.class);
		MeterRegistry registry = this.registry;
		if (sample == null || registry == null) {
			return;
		}
		String system = context.getDbSystemName();
		String operation = operation(context.getStatement());
		Throwable error = context.getError();
		sample.stop((error != null) ? timer(registry, system, operation, errorType(error))
				: successTimer(registry, system, operation));
	}

	private Timer successTimer(MeterRegistry registry, String system, String operation) {
		Map<String, Timer> bySystem = this.timers.get(system);
		Timer timer = (bySystem != null) ? bySystem.get(operation) : null;
		if (timer == null) {
			timer = timer(registry, system, operation, "");
			this.timers.computeIfAbsent(system, (key) -> new ConcurrentHashMap<>()).put(operation, timer);
		}
		return timer;
	}

	private static Timer timer(MeterRegistry registry, String system, String operation, String errorType) {
		return Timer.builder(NAME)
			.description(DESCRIPTION)
			.tags("db.system.name", system, "db.operation.name", operation, "error.type", errorType)
			.register(registry);
	}

	/**
	 * The statement's leading keyword if it is one of {@link #OPERATIONS} (the constant,
	 * so nothing is allocated), else {@code _OTHER}.
	 */
	static String operation(@Nullable String sql) {
		if (sql == null) {
			return OTHER;
		}
		int start = keywordStart(sql);
		int end = start;
		while (end < sql.length() && Character.isLetter(sql.charAt(end)) && end - start < LONGEST_KEYWORD) {
			end++;
		}
		int length = end - start;
		for (String operation : OPERATIONS) {
			if (operation.length() == length && sql.regionMatches(true, start, operation, 0, length)) {
				return operation;
			}
		}
		return OTHER;
	}

	/**
	 * Where the first word starts, after white space, comments and opening parentheses.
	 */
	private static int keywordStart(String sql) {
		int i = 0;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(') {
				i++;
			}
			else if (sql.startsWith("--", i)) {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end + 1;
			}
			else if (sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else {
				break;
			}
		}
		return i;
	}

	private static String errorType(Throwable error) {
		String name = error.getClass().getSimpleName();
		return StringUtils.hasText(name) ? name : OTHER;
	}

}
