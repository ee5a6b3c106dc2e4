package io.selfobs.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.selfobs.autoconfigure.jdbc.internal.DbClientOperationMeterHandler;
import io.selfobs.autoconfigure.jdbc.internal.DbSystemNames;
import io.selfobs.autoconfigure.jdbc.internal.JdbcStatementTracingHandler;
import io.selfobs.autoconfigure.jdbc.internal.SqlSanitizer;
import io.selfobs.autoconfigure.jdbc.wrapper.ObservedDataSource;
import net.ttddyy.dsproxy.proxy.GlobalConnectionIdManager;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.observation.tracing.DataSourceObservationListener;
import net.ttddyy.observation.tracing.JdbcObservationDocumentation;
import net.ttddyy.observation.tracing.QueryContext;
import net.ttddyy.observation.tracing.QueryObservationConvention;
import net.ttddyy.observation.tracing.QueryTracingObservationHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing one JDBC statement costs: a pooled connection (HikariCP over an
 * in-memory H2), a prepared {@code SELECT} with one bound parameter, one row read, as the
 * overhead benchmark's {@code /db} endpoint runs it. The data source is
 * <ul>
 * <li>{@code plain}: HikariCP alone;</li>
 * <li>{@code datasource-micrometer}: datasource-proxy with datasource-micrometer's
 * listener, query spans only, the sanitizing convention and the
 * {@code db.client.operation.duration} handler keyed on its context (the instrumentation
 * selfobs shipped before);</li>
 * <li>{@code selfobs}: selfobs' {@link ObservedDataSource} with its span and meter
 * handlers;</li>
 * </ul>
 * each observed variant with a client span through Micrometer Tracing's OpenTelemetry
 * bridge (sampled, ended into a discarding exporter) and a timer in a Prometheus
 * registry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JdbcStatementBenchmark {

	private static final String SELECT = "SELECT id, name FROM item WHERE id = ?";

	@Param({ "plain", "datasource-micrometer", "selfobs" })
	public String instrumentation;

	private HikariDataSource pool;

	private SdkTracerProvider tracerProvider;

	private MeterRegistry meters;

	private DataSource dataSource;

	private long id;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
		config.setMaximumPoolSize(2);
		this.pool = new HikariDataSource(config);
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(64))");
			statement.execute("INSERT INTO item SELECT x, 'item ' || x FROM SYSTEM_RANGE(0, 99)");
		}
		this.tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(new RequestSpans.Consuming((spans) -> {
			})))
			.build();
		OtelTracer tracer = new OtelTracer(this.tracerProvider.get("bench"), new OtelCurrentTraceContext(), (event) -> {
		});
		this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		switch (this.instrumentation) {
			case "plain" -> this.dataSource = this.pool;
			case "datasource-micrometer" -> {
				observations.observationConfig()
					.observationHandler(new QueryTracingObservationHandler(tracer))
					.observationHandler(new QueryContextMeterHandler(this.meters));
				DataSourceObservationListener listener = new DataSourceObservationListener(observations);
				listener.setQueryObservationConvention(new SanitizedQueryObservationConvention());
				listener.setSupportedTypes(Set.of(JdbcObservationDocumentation.QUERY));
				this.dataSource = ProxyDataSourceBuilder.create("dataSource", this.pool)
					.listener(listener)
					.methodListener(listener)
					.connectionIdManager(new GlobalConnectionIdManager())
					.multiline()
					.buildProxy();
			}
			case "selfobs" -> {
				observations.observationConfig()
					.observationHandler(new JdbcStatementTracingHandler(tracer))
					.observationHandler(new DbClientOperationMeterHandler(() -> this.meters));
				this.dataSource = new ObservedDataSource(this.pool, "dataSource", observations, null);
			}
			default -> throw new IllegalArgumentException(this.instrumentation);
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		this.pool.close();
		this.tracerProvider.close();
		this.meters.close();
	}

	@Benchmark
	public String selectOneRow() throws SQLException {
		long id = (this.id++) % 100;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(SELECT)) {
			select.setLong(1, id);
			try (ResultSet resultSet = select.executeQuery()) {
				resultSet.next();
				return resultSet.getString(2);
			}
		}
	}

	/**
	 * The convention selfobs registered for datasource-micrometer: the sanitized
	 * statements and the affected rows.
	 */
	static final class SanitizedQueryObservationConvention implements QueryObservationConvention {

		private final SqlSanitizer sanitizer = new SqlSanitizer();

		@Override
		public KeyValues getHighCardinalityKeyValues(QueryContext context) {
			List<String> queries = context.getQueries();
			List<KeyValue> keyValues = new ArrayList<>(queries.size() + 1);
			for (int i = 0; i < queries.size(); i++) {
				keyValues.add(KeyValue.of("jdbc.query[" + i + "]", this.sanitizer.sanitize(queries.get(i))));
			}
			String rowsAffected = context.getAffectedRowCount();
			if (rowsAffected != null) {
				keyValues.add(KeyValue.of("jdbc.row-affected", rowsAffected));
			}
			return KeyValues.of(keyValues);
		}

	}

	/**
	 * The {@code db.client.operation.duration} handler selfobs registered for
	 * datasource-micrometer (abridged: the leading keyword without the comment skipping):
	 * a timer registered per statement.
	 */
	static final class QueryContextMeterHandler implements MeterObservationHandler<QueryContext> {

		private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE");

		private final MeterRegistry registry;

		private final Map<DataSource, String> systems = new ConcurrentHashMap<>();

		QueryContextMeterHandler(MeterRegistry registry) {
			this.registry = registry;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof QueryContext;
		}

		@Override
		public void onStart(QueryContext context) {
			context.put(Timer.Sample.class, Timer.start(this.registry));
		}

		@Override
		public void onStop(QueryContext context) {
			Timer.Sample sample = context.get(Timer.Sample.class);
			String sql = context.getQueries().get(0).strip();
			String keyword = sql.substring(0, Math.max(0, sql.indexOf(' '))).toUpperCase(Locale.ROOT);
			DataSource dataSource = context.getDataSource();
			String system = this.systems.get(dataSource);
			if (system == null) {
				system = this.systems.computeIfAbsent(dataSource,
						(key) -> DbSystemNames.fromJdbcUrl(((HikariDataSource) key).getJdbcUrl()));
			}
			Tags tags = Tags.of("db.system.name", system, "db.operation.name",
					OPERATIONS.contains(keyword) ? keyword : "_OTHER", "error.type", "");
			sample.stop(Timer.builder("db.client.operation.duration").tags(tags).register(this.registry));
		}

	}

}
