package io.selfobs.autoconfigure.metrics;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfobs.autoconfigure.jdbc.JdbcObservationAutoConfiguration;
import io.selfobs.autoconfigure.jdbc.internal.DbClientOperationMeterHandler;
import io.selfobs.autoconfigure.metrics.internal.DbClientConnectionMetrics;
import io.selfobs.autoconfigure.metrics.internal.OpenTelemetryNamingMeterFilter;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvClientRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.http.SemconvServerRequestObservationConvention;
import io.selfobs.autoconfigure.metrics.internal.prometheus.PrometheusPortServer;
import io.selfobs.autoconfigure.metrics.internal.runtime.JvmMemoryAreaMetrics;
import io.selfobs.autoconfigure.otlp.InvalidOtelPropertyException;
import io.selfobs.autoconfigure.otlp.internal.config.InvalidOtelPropertyFailureAnalyzer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The naming switch, the histogram buckets and who wins when users bring their own
 * conventions or settings.
 */
class MetricNamingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class,
				OtelMetricsAutoConfiguration.class, JdbcObservationAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void openTelemetryNamingIsTheDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryNamingMeterFilter.class)
			.hasSingleBean(SemconvClientRequestObservationConvention.class)
			.hasSingleBean(DbClientOperationMeterHandler.class)
			.hasSingleBean(DbClientConnectionMetrics.class));
	}

	@Test
	void micrometerNamingLeavesBootsConventionsAlone() {
		this.runner.withPropertyValues("otel.metrics.naming=micrometer")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenTelemetryNamingMeterFilter.class)
				.doesNotHaveBean(SemconvClientRequestObservationConvention.class)
				.doesNotHaveBean(DbClientOperationMeterHandler.class)
				.doesNotHaveBean(DbClientConnectionMetrics.class));
	}

	@Test
	void anUnknownNamingStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("otel.metrics.naming=prometheus")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("prometheus"));
	}

	@Test
	void theServletConventionIsTheSemanticOneUnlessTheUserBringsTheirs() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, OtelMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("otel.metrics.prometheus.enabled=false");
		web.run((context) -> assertThat(context.getBean(ServerRequestObservationConvention.class))
			.isInstanceOf(SemconvServerRequestObservationConvention.class));
		web.withBean(ServerRequestObservationConvention.class, DefaultServerRequestObservationConvention::new)
			.run((context) -> assertThat(context.getBean(ServerRequestObservationConvention.class))
				.isInstanceOf(DefaultServerRequestObservationConvention.class));
	}

	@Test
	void withoutSpringJdbcNoStatementHandler() {
		this.runner.withClassLoader(new FilteredClassLoader(DelegatingDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DbClientOperationMeterHandler.class)
				.hasSingleBean(OpenTelemetryNamingMeterFilter.class));
	}

	@Test
	void httpAndDatabaseTimersGetTheConventionsBucketsAndNoTimerAPercentileHistogram() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer http = Timer.builder("http.server.request.duration").publishPercentileHistogram().register(registry);
			http.record(30, TimeUnit.MILLISECONDS);
			assertThat(bucketsInSeconds(http)).containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75,
					1.0, 2.5, 5.0, 7.5, 10.0);
			assertThat(bucketsInSeconds(Timer.builder("db.client.operation.duration").register(registry)))
				.containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
			assertThat(
					bucketsInSeconds(Timer.builder("orders.process").publishPercentileHistogram().register(registry)))
				.isEmpty();
			assertThat(registry.more()
				.longTaskTimer("http.server.request.duration.active")
				.takeSnapshot()
				.histogramCounts()).isEmpty();
		});
	}

	@Test
	void bucketsAreConfigurablePerMeterAndBootsDistributionPropertiesStillWin() {
		this.runner.withPropertyValues("otel.metrics.histograms.enabled.stock=true",
				"otel.metrics.histograms.enabled[orders]=true", "otel.metrics.histograms.enabled.orders.audit=false",
				"otel.metrics.histograms.buckets=0.1,1", "otel.metrics.histograms.meter-buckets[orders]=0.2,2",
				"management.metrics.distribution.slo.payments=50ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(bucketsInSeconds(Timer.builder("stock.check").register(registry))).containsExactly(0.1, 1.0);
				assertThat(bucketsInSeconds(Timer.builder("orders.process").register(registry))).containsExactly(0.2,
						2.0);
				assertThat(bucketsInSeconds(Timer.builder("orders.audit").register(registry))).isEmpty();
				assertThat(bucketsInSeconds(Timer.builder("db.client.operation.duration").register(registry)))
					.containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
				assertThat(bucketsInSeconds(Timer.builder("payments").register(registry))).containsExactly(0.05);
			});
	}

	@Test
	void jvmMemoryHasOneSeriesPerAreaUnlessPoolsAreAskedFor() {
		ApplicationContextRunner jvm = this.runner
			.withConfiguration(AutoConfigurations.of(JvmMetricsAutoConfiguration.class));
		jvm.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : new String[] { "jvm.memory.used", "jvm.memory.committed", "jvm.memory.max" }) {
				assertThat(registry.find(name).meters()).extracting((meter) -> meter.getId().getTag("area"))
					.containsExactlyInAnyOrder("heap", "nonheap");
				assertThat(registry.find(name).meters())
					.allSatisfy((meter) -> assertThat(meter.getId().getTag("id")).isNull());
			}
			assertThat(registry.get("jvm.memory.max").tag("area", "heap").gauge().value())
				.isEqualTo((double) ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
			assertThat(registry.get("jvm.memory.used").tag("area", "heap").gauge().value()).isPositive();
		});
		jvm.withPropertyValues("otel.metrics.jvm.memory-pools=true").run((context) -> {
			assertThat(context).doesNotHaveBean(JvmMemoryAreaMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.used").meters()).hasSizeGreaterThan(2)
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("id")).isNotNull());
		});
		jvm.withPropertyValues("otel.metrics.naming=micrometer").run((context) -> {
			assertThat(context).doesNotHaveBean(JvmMemoryAreaMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.max").meters()).extracting(Meter::getId)
				.allSatisfy((id) -> assertThat(id.getTag("id")).isNotNull());
		});
	}

	@Test
	void decreasingBucketsStopStartupNamingTheProperty() {
		this.runner.withPropertyValues("otel.metrics.histograms.buckets=1,0.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidOtelPropertyException.class)
				.hasMessageContaining("otel.metrics.histograms.buckets");
		});
	}

	@Test
	void jdbcStatementsAreMeteredByOperationNotAsJdbcQuery() {
		this.runner.withBean(DataSource.class, MetricNamingAutoConfigurationTests::ordersDatabase).run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create table orders (id int primary key)");
				statement.executeUpdate("insert into orders values (1)");
				try (PreparedStatement select = connection
					.prepareStatement("  /* hint */ select * from orders where id = ?")) {
					select.setInt(1, 1);
					select.executeQuery().close();
				}
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?)")) {
					insert.setInt(1, 1);
					assertThatExceptionOfType(SQLIntegrityConstraintViolationException.class)
						.isThrownBy(insert::executeUpdate);
				}
			}
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.find("db.client.operation.duration")
				.tags("db.operation.name", "SELECT", "error.type", "", "db.system.name", "h2database")
				.timer()).isNotNull();
			assertThat(registry.find("db.client.operation.duration")
				.tags("db.operation.name", "INSERT", "error.type", "JdbcSQLIntegrityConstraintViolationException")
				.timer()).isNotNull();
			assertThat(registry.find("jdbc.query").meters()).isEmpty();
			assertThat(context.getBeanProvider(MeterObservationHandler.class).orderedStream().findFirst())
				.containsInstanceOf(DbClientOperationMeterHandler.class);
		});
	}

	@Test
	void aDedicatedPortEqualToTheServerPortStopsStartupNamingTheProperty() {
		ApplicationContextRunner prometheus = this.runner
			.withConfiguration(AutoConfigurations.of(PrometheusMetricsExportAutoConfiguration.class));
		prometheus.withPropertyValues("otel.metrics.prometheus.port=9464", "management.server.port=9464")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable cause = context.getStartupFailure();
				assertThat(cause).rootCause()
					.isInstanceOf(InvalidOtelPropertyException.class)
					.hasMessageContaining("otel.metrics.prometheus.port")
					.hasMessageContaining("management.server.port");
				FailureAnalysis analysis = new InvalidOtelPropertyFailureAnalyzer().analyze(cause);
				assertThat(analysis.getDescription()).contains("otel.metrics.prometheus.port", "9464");
				assertThat(analysis.getAction()).contains("9464");
			});
		prometheus.withPropertyValues("otel.metrics.prometheus.port=0", "server.port=0")
			.run((context) -> assertThat(context).hasSingleBean(PrometheusPortServer.class));
	}

	private static double[] bucketsInSeconds(Timer timer) {
		return java.util.Arrays.stream(timer.takeSnapshot().histogramCounts())
			.mapToDouble((bucket) -> bucket.bucket(TimeUnit.SECONDS))
			.toArray();
	}

	private static DataSource ordersDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:naming-orders-" + System.nanoTime());
		return dataSource;
	}

}
