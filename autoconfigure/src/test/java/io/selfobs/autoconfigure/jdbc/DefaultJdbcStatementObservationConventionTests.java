package io.selfobs.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Statements run on H2 through an {@link ObservedDataSource} with the default convention:
 * what the finished observations carry.
 */
class DefaultJdbcStatementObservationConventionTests {

	private final List<Observation.Context> stopped = new ArrayList<>();

	private final ObservedDataSource dataSource = observed();

	@Test
	void everyStatementOfABatchIsTaggedWithoutLiteralsAndParametersNever() throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table items (id int primary key, owner varchar(64))");
			statement.executeUpdate("insert into items select x, 'bob' from system_range(0, 5)");
			this.stopped.clear();
			for (int i = 0; i < 6; i++) {
				statement.addBatch("UPDATE items SET owner = 'alice@example.com' WHERE id = " + i);
			}
			statement.executeBatch();
		}
		assertThat(this.stopped).hasSize(1);
		Observation.Context batch = this.stopped.get(0);
		List<KeyValue> keyValues = batch.getHighCardinalityKeyValues().stream().toList();
		assertThat(keyValues).extracting(KeyValue::getKey)
			.contains("jdbc.query[0]", "jdbc.query[1]", "jdbc.query[2]", "jdbc.query[3]", "jdbc.query[4]",
					"jdbc.query[5]", "jdbc.row-affected", "db.system.name");
		assertThat(keyValues).filteredOn((keyValue) -> keyValue.getKey().startsWith("jdbc.query["))
			.extracting(KeyValue::getValue)
			.containsOnly("UPDATE items SET owner = ? WHERE id = ?");
		assertThat(batch.getHighCardinalityKeyValue("jdbc.row-affected").getValue()).isEqualTo("[1, 1, 1, 1, 1, 1]");
		assertThat(batch.getHighCardinalityKeyValue("db.system.name").getValue()).isEqualTo("h2database");
		assertThat(batch.getName()).isEqualTo("jdbc.query");
		assertThat(batch.getContextualName()).isEqualTo("query");
		assertThat(batch.getLowCardinalityKeyValue("jdbc.datasource.name")).isNotNull();
		assertThat(batch.getAllKeyValues().toString()).doesNotContain("alice");
	}

	@Test
	void boundParametersAreNeverTaggedAndAFailureIsRecorded() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.createStatement().execute("create table secrets (id int primary key, secret varchar(64))");
			try (PreparedStatement insert = connection.prepareStatement("insert into secrets values (?, ?)")) {
				insert.setInt(1, 1);
				insert.setString(2, "hunter2");
				assertThat(insert.executeUpdate()).isOne();
				assertThatExceptionOfType(SQLException.class).isThrownBy(insert::executeUpdate);
			}
		}
		Observation.Context inserted = this.stopped.get(this.stopped.size() - 2);
		Observation.Context failed = this.stopped.get(this.stopped.size() - 1);
		assertThat(inserted.getHighCardinalityKeyValue("jdbc.query[0]").getValue())
			.isEqualTo("insert into secrets values (?, ?)");
		assertThat(inserted.getHighCardinalityKeyValue("jdbc.row-affected").getValue()).isEqualTo("1");
		assertThat(inserted.getAllKeyValues().toString()).doesNotContain("hunter2");
		assertThat(failed.getError()).isInstanceOf(SQLIntegrityConstraintViolationException.class);
		assertThat(failed.getHighCardinalityKeyValue("jdbc.row-affected")).isNull();
	}

	@Test
	void aDataSourceOverAnObservedOneDoesNotObserveTheSameStatementAgain() throws Exception {
		ObservedDataSource outer = new ObservedDataSource(this.dataSource, "routing", recordingRegistry(), null);
		try (Connection connection = outer.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeQuery("select 1").close();
			statement.executeQuery("select 2").close();
		}
		assertThat(this.stopped).hasSize(2);
	}

	@Test
	void aNetworkDatabaseIsTaggedWithItsServerAddressAndPort() throws Exception {
		Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
		try {
			ObservedDataSource dataSource = observed(
					"jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:remote;DB_CLOSE_DELAY=-1");
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.executeQuery("select 1").close();
			}
			Observation.Context query = this.stopped.get(0);
			assertThat(query.getHighCardinalityKeyValue("server.address").getValue()).isEqualTo("127.0.0.1");
			assertThat(query.getHighCardinalityKeyValue("server.port").getValue())
				.isEqualTo(Integer.toString(server.getPort()));
			assertThat(((JdbcStatementContext) query).getServerPort()).isEqualTo(server.getPort());
		}
		finally {
			server.stop();
		}
	}

	private ObservedDataSource observed() {
		return observed("jdbc:h2:mem:convention-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
	}

	private ObservedDataSource observed(String url) {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL(url);
		h2.setUser("sa");
		return new ObservedDataSource(h2, "items", recordingRegistry(), null);
	}

	private ObservationRegistry recordingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				DefaultJdbcStatementObservationConventionTests.this.stopped.add(context);
			}

		});
		return registry;
	}

}
