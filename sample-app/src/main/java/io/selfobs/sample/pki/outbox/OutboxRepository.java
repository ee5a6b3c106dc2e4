package io.selfobs.sample.pki.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pending deliveries. Claims use {@code FOR UPDATE SKIP LOCKED}: several workers (threads
 * or instances) on PostgreSQL each get disjoint rows and never wait on each other.
 */
@Repository
class OutboxRepository {

	private final JdbcClient jdbc;

	OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	void insert(String eventId, String sink, String type, String aggregateId, String payload, Instant now) {
		this.jdbc.sql("""
				insert into outbox_event (event_id, sink, event_type, aggregate_id, payload, status, attempts,
				                          next_attempt_at, created_at)
				values (:eventId, :sink, :type, :aggregateId, :payload, 'PENDING', 0, :now, :now)""")
			.param("eventId", eventId)
			.param("sink", sink)
			.param("type", type)
			.param("aggregateId", aggregateId)
			.param("payload", payload)
			.param("now", utc(now))
			.update();
	}

	/**
	 * Lock due deliveries until the calling transaction ends.
	 * @param limit most rows to claim
	 * @param now the current time
	 * @return the claimed deliveries, oldest first
	 */
	List<OutboxEvent> claimDue(int limit, Instant now) {
		return this.jdbc.sql("""
				select id, event_id, sink, event_type, aggregate_id, payload, attempts, created_at
				from outbox_event
				where status = 'PENDING' and next_attempt_at <= :now
				order by id
				fetch first :limit rows only
				for update skip locked""")
			.param("now", utc(now))
			.param("limit", limit)
			.query(OutboxRepository::event)
			.list();
	}

	void markDelivered(long id, int attempts, Instant at) {
		this.jdbc
			.sql("update outbox_event set status = 'DELIVERED', attempts = :attempts, delivered_at = :at, "
					+ "last_error = null where id = :id")
			.param("attempts", attempts)
			.param("at", utc(at))
			.param("id", id)
			.update();
	}

	void markRetry(long id, int attempts, Instant nextAttemptAt, String error) {
		this.jdbc
			.sql("update outbox_event set attempts = :attempts, next_attempt_at = :next, last_error = :error "
					+ "where id = :id")
			.param("attempts", attempts)
			.param("next", utc(nextAttemptAt))
			.param("error", error)
			.param("id", id)
			.update();
	}

	void markDead(long id, int attempts, String error) {
		this.jdbc
			.sql("update outbox_event set status = 'DEAD', attempts = :attempts, last_error = :error "
					+ "where id = :id")
			.param("attempts", attempts)
			.param("error", error)
			.param("id", id)
			.update();
	}

	Backlog backlog() {
		return this.jdbc
			.sql("select count(*) as pending, min(created_at) as oldest from outbox_event "
					+ "where status = 'PENDING'")
			.query((rs, row) -> {
				OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
				return new Backlog(rs.getLong("pending"), (oldest != null) ? oldest.toInstant() : null);
			})
			.single();
	}

	record Backlog(long pending, Instant oldest) {
	}

	private static OutboxEvent event(ResultSet rs, int row) throws SQLException {
		return new OutboxEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("sink"),
				rs.getString("event_type"), rs.getString("aggregate_id"), rs.getString("payload"),
				rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
