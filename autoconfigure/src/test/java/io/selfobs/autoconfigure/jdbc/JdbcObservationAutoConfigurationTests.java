package io.selfobs.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.selfobs.autoconfigure.jdbc.internal.DbClientOperationMeterHandler;
import io.selfobs.autoconfigure.jdbc.internal.SanitizingQueryObservationFilter;
import io.selfobs.autoconfigure.jdbc.wrapper.ObservedDataSource;
import net.ttddyy.observation.tracing.DataSourceObservationListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link JdbcObservationAutoConfiguration} wraps, when it backs off, and who wins.
 */
class JdbcObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcObservationAutoConfiguration.class))
		.withUserConfiguration(RecorderConfiguration.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");

	@Test
	void theDataSourceBeanIsWrappedOnceAndItsStatementsAreObserved() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(ObservedDataSource.class);
			assertThat(((ObservedDataSource) dataSource).getTargetDataSource()).isInstanceOf(HikariDataSource.class);
			new JdbcTemplate(dataSource).queryForObject("select 1 where 'a' = 'a'", Integer.class);
			List<Observation.Context> stopped = context.getBean(Recorder.class).stopped;
			assertThat(stopped).hasSize(1);
			Observation.Context query = stopped.get(0);
			assertThat(query.getName()).isEqualTo("jdbc.query");
			assertThat(query.getContextualName()).isEqualTo("query");
			assertThat(query.getHighCardinalityKeyValue("jdbc.query[0]").getValue()).isEqualTo("select ? where ? = ?");
			assertThat(query.getHighCardinalityKeyValue("db.system.name").getValue()).isEqualTo("h2database");
			assertThat(context).hasSingleBean(DefaultJdbcStatementObservationConvention.class)
				.hasSingleBean(DbClientOperationMeterHandler.class);
		});
	}

	@Test
	void unwrapAndIsWrapperForSeeThroughTheWrappers() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
			assertThat(dataSource.unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
			assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class))
				.isInstanceOf(HikariDataSource.class);
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				assertThat(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
				assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class))
					.isInstanceOf(org.h2.jdbc.JdbcConnection.class);
				assertThat(statement.unwrap(org.h2.jdbc.JdbcStatement.class))
					.isInstanceOf(org.h2.jdbc.JdbcStatement.class);
				assertThat(statement.getConnection()).isSameAs(connection);
				try (ResultSet resultSet = statement.executeQuery("select 1")) {
					assertThat(resultSet.next()).isTrue();
				}
			}
		});
	}

	@Test
	void closingTheContextClosesThePool() {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.runner.run((context) -> pool[0] = context.getBean(DataSource.class).unwrap(HikariDataSource.class));
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Test
	void offWithThePropertyLeavesTheDataSourceAlone() {
		this.runner.withPropertyValues("otel.instrumentation.jdbc.enabled=false")
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class)
				.isNotInstanceOf(ObservedDataSource.class));
	}

	@Test
	void backsOffWhenDatasourceMicrometerObservesTheDataSources() {
		this.runner
			.withBean(DataSourceObservationListener.class,
					() -> new DataSourceObservationListener(ObservationRegistry.NOOP))
			.run((context) -> {
				assertThat(context.getBean(DataSource.class)).isNotInstanceOf(ObservedDataSource.class);
				assertThat(context).doesNotHaveBean(DefaultJdbcStatementObservationConvention.class)
					.doesNotHaveBean(DbClientOperationMeterHandler.class)
					.hasSingleBean(SanitizingQueryObservationFilter.class);
			});
	}

	@Test
	void theUsersConventionWins() {
		this.runner.withBean(JdbcStatementObservationConvention.class, UserConvention::new).run((context) -> {
			assertThat(context).doesNotHaveBean(DefaultJdbcStatementObservationConvention.class);
			new JdbcTemplate(context.getBean(DataSource.class)).execute("select 1");
			Observation.Context query = context.getBean(Recorder.class).stopped.get(0);
			assertThat(query.getName()).isEqualTo("app.sql");
			assertThat(query.getLowCardinalityKeyValue("statement.length").getValue()).isEqualTo("8");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		ObservationRegistry observationRegistry(Recorder recorder) {
			return recorder.registry;
		}

	}

	/**
	 * Records the observations stopped in the context's registry.
	 */
	static class Recorder implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		final ObservationRegistry registry = ObservationRegistry.create();

		Recorder() {
			this.registry.observationConfig().observationHandler(this);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

	}

	static class UserConvention implements JdbcStatementObservationConvention {

		@Override
		public String getName() {
			return "app.sql";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(JdbcStatementContext context) {
			return KeyValues.of("statement.length", Integer.toString(context.getStatement().length()));
		}

	}

}
