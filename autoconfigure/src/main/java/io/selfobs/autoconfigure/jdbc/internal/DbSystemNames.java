package io.selfobs.autoconfigure.jdbc.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * The OpenTelemetry semantic conventions' {@code db.system.name} of a JDBC URL. Internal,
 * not API.
 */
public final class DbSystemNames {

	/** The value for a database the conventions do not name. */
	public static final String OTHER_SQL = "other_sql";

	private DbSystemNames() {
	}

	/**
	 * Return the {@code db.system.name} of a database.
	 * @param jdbcUrl its JDBC URL, or {@code null} when unknown
	 * @return the name, {@value #OTHER_SQL} when unknown
	 */
	public static String fromJdbcUrl(@Nullable String jdbcUrl) {
		return (jdbcUrl != null) ? of(DatabaseDriver.fromJdbcUrl(jdbcUrl)) : OTHER_SQL;
	}

	static String of(DatabaseDriver driver) {
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
			default -> OTHER_SQL;
		};
	}

}
