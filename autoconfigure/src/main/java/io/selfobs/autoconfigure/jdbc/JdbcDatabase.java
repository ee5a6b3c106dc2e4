package io.selfobs.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.autoconfigure.jdbc.internal.DbSystemNames;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * What a {@code DataSource}'s statements are observed with, resolved once from its first
 * connection: the registry, the convention, the database's name, system and address, and
 * the key values that depend on them only. Internal, not API: public for the JDBC
 * wrappers only.
 *
 * @param registry the observation registry
 * @param convention the user's convention, if any
 * @param name the data source name
 * @param systemName the {@code db.system.name}
 * @param serverAddress the database host, if the URL names one
 * @param serverPort the database port or -1
 * @param lowCardinalityKeyValues {@code jdbc.datasource.name}
 * @param highCardinalityKeyValues {@code db.system.name}, {@code server.address},
 * {@code server.port}; never modified
 */
public record JdbcDatabase(ObservationRegistry registry, @Nullable JdbcStatementObservationConvention convention,
		String name, String systemName, @Nullable String serverAddress, int serverPort,
		KeyValues lowCardinalityKeyValues, KeyValue[] highCardinalityKeyValues) {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			JdbcDatabase.class.getClassLoader());

	/**
	 * Resolve what the statements of a data source are observed with.
	 * @param registry the observation registry
	 * @param convention the user's convention, if any
	 * @param dataSource the observed data source
	 * @param beanName the name to use when neither a HikariCP pool name nor a catalog
	 * names it
	 * @param connection the data source's first connection
	 * @return the database
	 */
	public static JdbcDatabase of(ObservationRegistry registry, @Nullable JdbcStatementObservationConvention convention,
			DataSource dataSource, String beanName, Connection connection) {
		String url = url(connection);
		String system = DbSystemNames.fromJdbcUrl(url);
		ServerAddress address = ServerAddress.fromJdbcUrl(url);
		String host = (address != null) ? address.host() : null;
		int port = (address != null) ? address.port() : -1;
		String name = name(dataSource, beanName, connection);
		KeyValue[] database = databaseKeyValues(system, host, port);
		return new JdbcDatabase(registry, convention, name, system, host, port,
				KeyValues.of("jdbc.datasource.name", name), database);
	}

	private static KeyValue[] databaseKeyValues(String system, @Nullable String host, int port) {
		KeyValue systemName = KeyValue.of("db.system.name", system);
		if (host == null) {
			return new KeyValue[] { systemName };
		}
		KeyValue address = KeyValue.of("server.address", host);
		if (port == -1) {
			return new KeyValue[] { systemName, address };
		}
		return new KeyValue[] { systemName, address, KeyValue.of("server.port", Integer.toString(port)) };
	}

	private static @Nullable String url(Connection connection) {
		try {
			return connection.getMetaData().getURL();
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The HikariCP pool name when the user set one, else the catalog, else the bean name
	 * (as datasource-micrometer names it).
	 */
	private static String name(DataSource dataSource, String beanName, Connection connection) {
		if (HIKARI_PRESENT && dataSource instanceof HikariDataSource hikari && hikari.getPoolName() != null
				&& !hikari.getPoolName().startsWith("HikariPool-")) {
			return hikari.getPoolName();
		}
		try {
			String catalog = connection.getCatalog();
			if (catalog != null && !catalog.isEmpty()) {
				return catalog;
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the bean name below
		}
		return beanName;
	}

}
