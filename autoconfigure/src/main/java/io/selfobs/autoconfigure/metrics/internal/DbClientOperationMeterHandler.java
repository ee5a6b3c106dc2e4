package io.selfobs.autoconfigure.metrics.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import net.ttddyy.observation.tracing.QueryContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Records each JDBC statement observed by datasource-micrometer as
 * {@code db.client.operation.duration} (seconds) with {@code db.system.name},
 * {@code db.operation.name} (the statement's leading keyword from a closed list, such as
 * {@code SELECT} or {@code INSERT}, else {@code _OTHER}) and {@code error.type} (the
 * exception's simple class name, only on failure). Placed before Micrometer's default
 * meter handler, it replaces the {@code jdbc.query} timer and its long-task timer for
 * these observations. Internal, not API.
 */
public final class DbClientOperationMeterHandler implements MeterObservationHandler<QueryContext> {

	static final String NAME = "db.client.operation.duration";

	private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT",
			"CALL", "WITH", "CREATE", "ALTER", "DROP", "TRUNCATE", "BEGIN", "COMMIT", "ROLLBACK", "SET", "SHOW",
			"EXPLAIN", "LOCK", "VALUES", "GRANT", "REVOKE", "COPY");

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			DbClientOperationMeterHandler.class.getClassLoader());

	private final Supplier<MeterRegistry> registrySupplier;

	private volatile @Nullable MeterRegistry registry;

	/** db.system.name per DataSource, resolved once. */
	private final Map<DataSource, String> systems = new ConcurrentHashMap<>();

	/**
	 * Create the handler.
	 * @param registry supplies the registry on first use (null when the application has
	 * none)
	 */
	public DbClientOperationMeterHandler(Supplier<MeterRegistry> registry) {
		this.registrySupplier = registry;
	}

	private MeterRegistry registry() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			registry = this.registrySupplier.get();
			this.registry = registry;
		}
		return registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof QueryContext;
	}

	@Override
	public void onStart(QueryContext context) {
		MeterRegistry registry = registry();
		if (registry != null) {
			context.put(Timer.Sample.class, Timer.start(registry));
		}
	}

	@Override
	public void onStop(QueryContext context) {
		Timer.Sample sample = context.get(Timer.Sample.class);
		if (sample == null) {
			return;
		}
		Throwable error = context.getError();
		Tags tags = Tags.of("db.system.name", system(context.getDataSource()), "db.operation.name",
				operation(context.getQueries()), "error.type", (error != null) ? errorType(error) : "");
		sample.stop(Timer.builder(NAME)
			.description("Duration of database client operations")
			.tags(tags)
			.register(registry()));
	}

	static String operation(List<String> queries) {
		if (queries == null || queries.isEmpty() || queries.get(0) == null) {
			return "_OTHER";
		}
		String keyword = leadingKeyword(queries.get(0));
		return OPERATIONS.contains(keyword) ? keyword : "_OTHER";
	}

	/** The first word, skipping white space, comments and opening parentheses. */
	private static String leadingKeyword(String sql) {
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
		int start = i;
		while (i < length && Character.isLetter(sql.charAt(i)) && i - start < 16) {
			i++;
		}
		return sql.substring(start, i).toUpperCase(Locale.ROOT);
	}

	private static String errorType(Throwable error) {
		String name = error.getClass().getSimpleName();
		return StringUtils.hasText(name) ? name : "_OTHER";
	}

	private String system(DataSource dataSource) {
		if (dataSource == null) {
			return "other_sql";
		}
		String system = this.systems.get(dataSource);
		return (system != null) ? system
				: this.systems.computeIfAbsent(dataSource, DbClientOperationMeterHandler::resolveSystem);
	}

	private static String resolveSystem(DataSource dataSource) {
		String url = null;
		try {
			if (HIKARI_PRESENT && dataSource.isWrapperFor(HikariDataSource.class)) {
				url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
			}
		}
		catch (Exception ex) {
			// Not resolvable: other_sql below
		}
		return (url != null) ? systemName(DatabaseDriver.fromJdbcUrl(url)) : "other_sql";
	}

	/** The semantic conventions' {@code db.system.name} values. */
	static String systemName(DatabaseDriver driver) {
		return switch (driver) {
			case H2 -> "h2database";
			case POSTGRESQL -> "postgresql";
			case MYSQL -> "mysql";
			case MARIADB -> "mariadb";
			case ORACLE -> "oracle.db";
			case SQLSERVER, JTDS -> "microsoft.sql_server";
			case DB2, DB2_AS400 -> "ibm.db2";
			case HSQLDB -> "hsqldb";
			case DERBY -> "derby";
			case SQLITE -> "sqlite";
			case HANA -> "sap.hana";
			case CLICKHOUSE -> "clickhouse";
			case INFORMIX -> "ibm.informix";
			case TERADATA -> "teradata";
			case FIREBIRD -> "firebirdsql";
			default -> "other_sql";
		};
	}

}
