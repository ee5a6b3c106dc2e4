package io.selfobs.autoconfigure.metrics.internal;

import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * HikariCP pools as the database-client semantic conventions' connection meters, tagged
 * {@code db.client.connection.pool.name}: {@code db.client.connection.count} by
 * {@code db.client.connection.state} ({@code idle}, {@code used}),
 * {@code db.client.connection.max}, {@code db.client.connection.pending_requests},
 * {@code db.client.connection.timeouts}, and the {@code create_time}, {@code wait_time}
 * and {@code use_time} histograms. Installed as the pool's metrics tracker when no other
 * tracker is set, which also keeps Spring Boot from adding its {@code hikaricp.*} meters;
 * must therefore be bound before Boot's Hikari binder. Internal, not API.
 */
public final class DbClientConnectionMetrics implements MeterBinder {

	private static final Log logger = LogFactory.getLog(DbClientConnectionMetrics.class);

	static final String POOL_NAME = "db.client.connection.pool.name";

	private final ObjectProvider<DataSource> dataSources;

	public DbClientConnectionMetrics(ObjectProvider<DataSource> dataSources) {
		this.dataSources = dataSources;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.dataSources.orderedStream().forEach((dataSource) -> bind(dataSource, registry));
	}

	private void bind(DataSource dataSource, MeterRegistry registry) {
		try {
			if (!dataSource.isWrapperFor(HikariDataSource.class)) {
				return;
			}
			HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
			if (hikari.getMetricRegistry() == null && hikari.getMetricsTrackerFactory() == null) {
				hikari.setMetricsTrackerFactory(new TrackerFactory(registry));
			}
		}
		catch (Exception ex) {
			logger.debug("Cannot add database connection meters to " + dataSource, ex);
		}
	}

	private record TrackerFactory(MeterRegistry registry) implements MetricsTrackerFactory {

		@Override
		public IMetricsTracker create(String poolName, PoolStats stats) {
			return new Tracker(this.registry, poolName, stats);
		}

	}

	private static final class Tracker implements IMetricsTracker {

		private final Counter timeouts;

		private final Timer createTime;

		private final Timer waitTime;

		private final Timer useTime;

		/**
		 * The gauges hold the pool's statistics strongly: nothing else in the pool keeps
		 * this object.
		 */
		Tracker(MeterRegistry registry, String poolName, PoolStats stats) {
			Tags pool = Tags.of(POOL_NAME, poolName);
			Gauge.builder("db.client.connection.count", stats, PoolStats::getIdleConnections)
				.description("Connections in the pool, by state")
				.tags(pool)
				.tag("db.client.connection.state", "idle")
				.strongReference(true)
				.register(registry);
			Gauge.builder("db.client.connection.count", stats, PoolStats::getActiveConnections)
				.description("Connections in the pool, by state")
				.tags(pool)
				.tag("db.client.connection.state", "used")
				.strongReference(true)
				.register(registry);
			Gauge.builder("db.client.connection.max", stats, PoolStats::getMaxConnections)
				.description("Largest number of open connections allowed")
				.tags(pool)
				.strongReference(true)
				.register(registry);
			Gauge.builder("db.client.connection.idle.min", stats, PoolStats::getMinConnections)
				.description("Smallest number of idle connections allowed")
				.tags(pool)
				.strongReference(true)
				.register(registry);
			Gauge.builder("db.client.connection.pending_requests", stats, PoolStats::getPendingThreads)
				.description("Requests waiting for an open connection")
				.tags(pool)
				.strongReference(true)
				.register(registry);
			this.timeouts = Counter.builder("db.client.connection.timeouts")
				.description("Connection requests that timed out waiting for a connection")
				.tags(pool)
				.register(registry);
			this.createTime = Timer.builder("db.client.connection.create_time")
				.description("Time it took to create a new connection")
				.tags(pool)
				.register(registry);
			this.waitTime = Timer.builder("db.client.connection.wait_time")
				.description("Time it took to obtain an open connection from the pool")
				.tags(pool)
				.register(registry);
			this.useTime = Timer.builder("db.client.connection.use_time")
				.description("Time between borrowing a connection and returning it to the pool")
				.tags(pool)
				.register(registry);
		}

		@Override
		public void recordConnectionCreatedMillis(long millis) {
			this.createTime.record(millis, TimeUnit.MILLISECONDS);
		}

		@Override
		public void recordConnectionAcquiredNanos(long nanos) {
			this.waitTime.record(nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void recordConnectionUsageMillis(long millis) {
			this.useTime.record(millis, TimeUnit.MILLISECONDS);
		}

		@Override
		public void recordConnectionTimeout() {
			this.timeouts.increment();
		}

	}

}
