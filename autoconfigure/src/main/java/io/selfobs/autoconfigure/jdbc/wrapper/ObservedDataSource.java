package io.selfobs.autoconfigure.jdbc.wrapper;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;
import io.selfobs.autoconfigure.jdbc.JdbcDatabase;
import io.selfobs.autoconfigure.jdbc.JdbcStatementContext;
import io.selfobs.autoconfigure.jdbc.JdbcStatementObservationConvention;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A {@link DataSource} whose statements are observed: each execution of a
 * {@code Statement}, {@code PreparedStatement} or {@code CallableStatement} obtained
 * through it ({@code execute}, {@code executeQuery}, {@code executeUpdate},
 * {@code executeLargeUpdate}, {@code executeBatch}, {@code executeLargeBatch}) is one
 * {@link JdbcStatementContext} observation. Every other JDBC call goes straight to the
 * driver's object; {@code unwrap} and {@code isWrapperFor} see through this wrapper. The
 * auto-configuration wraps each {@code DataSource} bean in one. Closing it closes the
 * data source it observes (a connection pool), as the application context does on
 * shutdown.
 */
public class ObservedDataSource extends DelegatingDataSource implements AutoCloseable {

	private final String beanName;

	private final Supplier<ObservationRegistry> registry;

	private final Supplier<@Nullable JdbcStatementObservationConvention> convention;

	/** Set, with {@link #observing}, from the first connection. */
	private volatile @Nullable JdbcDatabase database;

	/**
	 * False when there is nothing to observe with (a no-op registry) or the connections
	 * are observed already: this data source wraps another observed one (a delegating or
	 * routing data source over data source beans), whose statements must not count twice.
	 */
	private boolean observing;

	/**
	 * Create a data source observing the statements of the given one.
	 * @param dataSource the data source to observe
	 * @param name the name to use when neither a HikariCP pool name nor a catalog names
	 * it
	 * @param registry the observation registry
	 * @param convention the convention, {@code null} for the registry's or the default
	 */
	public ObservedDataSource(DataSource dataSource, String name, ObservationRegistry registry,
			@Nullable JdbcStatementObservationConvention convention) {
		this(dataSource, name, () -> registry, () -> convention);
	}

	/**
	 * Create a data source that resolves its registry and convention on its first
	 * connection, since the registry may depend on data sources itself.
	 */
	ObservedDataSource(DataSource dataSource, String name, Supplier<ObservationRegistry> registry,
			Supplier<@Nullable JdbcStatementObservationConvention> convention) {
		super(dataSource);
		this.beanName = name;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return observed(obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return observed(obtainTargetDataSource().getConnection(username, password));
	}

	@Override
	public void close() throws Exception {
		if (obtainTargetDataSource() instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	private Connection observed(Connection connection) throws SQLException {
		JdbcDatabase database = this.database;
		if (database == null) {
			database = JdbcDatabase.of(this.registry.get(), this.convention.get(), obtainTargetDataSource(),
					this.beanName, connection);
			this.observing = !database.registry().isNoop() && !connection.isWrapperFor(ObservedConnection.class);
			this.database = database;
		}
		return this.observing ? new ObservedConnection(connection, database) : connection;
	}

}
