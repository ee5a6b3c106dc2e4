package io.selfobs.sample.pki.ca;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * CAs, with the column conversions the CA slice's repositories share.
 */
@Repository
public class CaRepository {

	private final JdbcClient jdbc;

	CaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * The instant of a {@code not null} column.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant
	 * @throws SQLException when the column cannot be read
	 */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Instant value = nullableInstant(rs, column);
		if (value == null) {
			throw new IllegalStateException("Column '" + column + "' is null where a value is required");
		}
		return value;
	}

	public static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	void insert(CaRecord ca) {
		this.jdbc.sql("""
				insert into ca (id, name, parent_id, subject, key_algorithm, engine_id, status, certificate_pem,
				                private_key_ref, not_before, not_after, created_at)
				values (:id, :name, :parentId, :subject, :keyAlgorithm, :engineId, :status, :certificatePem,
				        :privateKeyRef, :notBefore, :notAfter, :createdAt)""")
			.param("id", ca.id())
			.param("name", ca.name())
			.param("parentId", ca.parentId())
			.param("subject", ca.subject())
			.param("keyAlgorithm", ca.keyAlgorithm().name())
			.param("engineId", ca.engineId())
			.param("status", ca.status().name())
			.param("certificatePem", ca.certificatePem())
			.param("privateKeyRef", ca.privateKeyRef())
			.param("notBefore", utc(ca.notBefore()))
			.param("notAfter", utc(ca.notAfter()))
			.param("createdAt", utc(ca.createdAt()))
			.update();
	}

	public Optional<CaRecord> findById(String id) {
		return this.jdbc.sql("select * from ca where id = :id").param("id", id).query(CaRepository::ca).optional();
	}

	List<CaRecord> findAll() {
		return this.jdbc.sql("select * from ca order by created_at, id").query(CaRepository::ca).list();
	}

	void updateStatus(String id, CaStatus status) {
		this.jdbc.sql("update ca set status = :status where id = :id")
			.param("status", status.name())
			.param("id", id)
			.update();
	}

	/**
	 * Take the next CRL number of a CA. The update locks the CA row, so concurrent CRLs
	 * get distinct numbers.
	 * @param caId the CA
	 * @return the new CRL number
	 */
	public long nextCrlNumber(String caId) {
		this.jdbc.sql("update ca set crl_number = crl_number + 1 where id = :id").param("id", caId).update();
		return this.jdbc.sql("select crl_number from ca where id = :id").param("id", caId).query(Long.class).single();
	}

	private static CaRecord ca(ResultSet rs, int row) throws SQLException {
		return new CaRecord(rs.getString("id"), rs.getString("name"), rs.getString("parent_id"),
				rs.getString("subject"), KeyAlgorithm.valueOf(rs.getString("key_algorithm")), rs.getString("engine_id"),
				CaStatus.valueOf(rs.getString("status")), rs.getString("certificate_pem"),
				rs.getString("private_key_ref"), instant(rs, "not_before"), instant(rs, "not_after"),
				instant(rs, "created_at"));
	}

}
