package io.selfobs.autoconfigure.jdbc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server address and port read from the JDBC URLs of the common drivers.
 */
class ServerAddressTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "jdbc:postgresql://db.internal:5432/app|db.internal|5432",
					"jdbc:postgresql://db.internal/app?sslmode=require|db.internal|-1",
					"jdbc:postgresql://primary:5432,replica:5433/app|primary|5432",
					"jdbc:mysql://app:s3cr3t@mysql.internal:3306/app|mysql.internal|3306",
					"jdbc:mariadb://10.0.0.7:3307/app|10.0.0.7|3307",
					"jdbc:sqlserver://sql.internal:1433;databaseName=app;password=s3cr3t|sql.internal|1433",
					"jdbc:oracle:thin:@//ora.internal:1521/service|ora.internal|1521",
					"jdbc:h2:tcp://127.0.0.1:9092/mem:probes;DB_CLOSE_DELAY=-1|127.0.0.1|9092",
					"jdbc:postgresql://[::1]:5432/app|::1|5432" })
	void hostAndPortWithoutUserInformation(String url, String host, int port) {
		assertThat(ServerAddress.fromJdbcUrl(url)).isEqualTo(new ServerAddress(host, port));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "jdbc:oracle:thin:@ora.internal:1521:sid",
			"jdbc:sqlite:app.db", "jdbc:postgresql:///app", "jdbc:postgresql://:5432/app" })
	void noServerWhenTheUrlNamesNone(String url) {
		assertThat(ServerAddress.fromJdbcUrl(url)).isNull();
	}

}
