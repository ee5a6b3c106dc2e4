package io.selfobs.sample.pki.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pending deliveries. A claim locks one row with {@code FOR UPDATE SKIP LOCKED}: several
 * workers (threads or instances) on PostgreSQL each get disjoint rows and never wait on
 * each other.
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
	 * The next due deliveries, without locking them. Ordered as the index is, so the
	 * database reads them from it instead of sorting every pending row; each one is then
	 * locked with {@link #claim(long, Instant)}.
	 * @param limit most rows to return
	 * @param now the current time
	 * @return ids of due deliveries, earliest due first
	 */
	List<Long> dueIds(int limit, Instant now) {
		return this.jdbc.sql("""
				select id from outbox_event
				where status = 'PENDING' and next_attempt_at <= :now
				order by status, next_attempt_at, id
				fetch first :limit rows only""").param("now", utc(now)).param("limit", limit).query(Long.class).list();
	}

	/**
	 * Lock one delivery until the calling transaction ends, if it is still due and no
	 * other worker holds it.
	 * @param id the delivery
	 * @param now the current time
	 * @return the delivery, or empty when it was delivered, rescheduled or is locked by
	 * another worker
	 */
	Optional<OutboxEvent> claim(long id, Instant now) {
		return this.jdbc.sql("""
				select id, event_id, sink, event_type, aggregate_id, payload, attempts, created_at
				from outbox_event
				where id = :id and status = 'PENDING' and next_attempt_at <= :now
				for update skip locked""")
			.param("id", id)
			.param("now", utc(now))
			.query(OutboxRepository::event)
			.optional();
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

	record Backlog(long pending, @Nullable Instant oldest) {
	}

	private static OutboxEvent event(ResultSet rs, int row) throws SQLException {
		return new OutboxEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("sink"),
				rs.getString("event_type"), rs.getString("aggregate_id"), rs.getString("payload"),
				rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
