package io.selfobs.sample.pki.ca;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.selfobs.sample.pki.crypto.KeyAlgorithm;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * CAs and the certificates they issued.
 */
@Repository
class CaRepository {

	private final JdbcClient jdbc;

	CaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * The instant of a {@code not null} column.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant
	 * @throws SQLException when the column cannot be read
	 */
	static Instant instant(ResultSet rs, String column) throws SQLException {
		Instant value = nullableInstant(rs, column);
		if (value == null) {
			throw new IllegalStateException("Column '" + column + "' is null where a value is required");
		}
		return value;
	}

	static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
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

	Optional<CaRecord> findById(String id) {
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

	void insert(CertificateRecord certificate) {
		this.jdbc.sql("""
				insert into certificate (serial, ca_id, subject, subject_cn, status, certificate_pem, not_before,
				                         not_after, issued_at)
				values (:serial, :caId, :subject, :subjectCn, :status, :certificatePem, :notBefore, :notAfter,
				        :issuedAt)""")
			.param("serial", certificate.serial())
			.param("caId", certificate.caId())
			.param("subject", certificate.subject())
			.param("subjectCn", certificate.subjectCn())
			.param("status", certificate.status().name())
			.param("certificatePem", certificate.certificatePem())
			.param("notBefore", utc(certificate.notBefore()))
			.param("notAfter", utc(certificate.notAfter()))
			.param("issuedAt", utc(certificate.issuedAt()))
			.update();
	}

	Optional<CertificateRecord> findCertificate(String serial) {
		return this.jdbc.sql("select * from certificate where serial = :serial")
			.param("serial", serial)
			.query(CaRepository::certificate)
			.optional();
	}

	List<CertificateRecord> findCertificates(@Nullable String caId, @Nullable CertificateStatus status,
			@Nullable Instant expiringBefore, Instant now, int limit) {
		StringBuilder sql = new StringBuilder("select * from certificate where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (caId != null) {
			sql.append(" and ca_id = ?");
			params.add(caId);
		}
		if (status == CertificateStatus.REVOKED) {
			sql.append(" and status = 'REVOKED'");
		}
		else if (status == CertificateStatus.ACTIVE) {
			sql.append(" and status = 'ACTIVE' and not_after >= ?");
			params.add(utc(now));
		}
		else if (status == CertificateStatus.EXPIRED) {
			sql.append(" and status = 'ACTIVE' and not_after < ?");
			params.add(utc(now));
		}
		if (expiringBefore != null) {
			sql.append(" and not_after < ?");
			params.add(utc(expiringBefore));
		}
		sql.append(" order by issued_at desc, serial fetch first ").append(limit).append(" rows only");
		return this.jdbc.sql(sql.toString()).params(params).query(CaRepository::certificate).list();
	}

	boolean revoke(String serial, RevocationReason reason, Instant at) {
		return this.jdbc.sql("""
				update certificate set status = 'REVOKED', revocation_reason = :reason, revoked_at = :at
				where serial = :serial and status = 'ACTIVE'""")
			.param("reason", reason.rfcName())
			.param("at", utc(at))
			.param("serial", serial)
			.update() == 1;
	}

	/**
	 * Take the next CRL number of a CA. The update locks the CA row, so concurrent CRLs
	 * get distinct numbers.
	 * @param caId the CA
	 * @return the new CRL number
	 */
	long nextCrlNumber(String caId) {
		this.jdbc.sql("update ca set crl_number = crl_number + 1 where id = :id").param("id", caId).update();
		return this.jdbc.sql("select crl_number from ca where id = :id").param("id", caId).query(Long.class).single();
	}

	List<CertificateRecord> findRevoked(String caId) {
		return this.jdbc.sql("select * from certificate where ca_id = :caId and status = 'REVOKED' order by revoked_at")
			.param("caId", caId)
			.query(CaRepository::certificate)
			.list();
	}

	/**
	 * Active, unexpired certificates of each CA expiring before each horizon, and the
	 * soonest expiry.
	 * @param now the current time
	 * @param horizons the horizons, ascending
	 * @return one row per CA that has active certificates
	 */
	List<ExpiryRow> expirySummary(Instant now, List<Instant> horizons) {
		StringBuilder sql = new StringBuilder("select ca_id, min(not_after) as soonest");
		for (int i = 0; i < horizons.size(); i++) {
			sql.append(", sum(case when not_after <= :h").append(i).append(" then 1 else 0 end) as c").append(i);
		}
		sql.append(" from certificate where status = 'ACTIVE' and not_after > :now group by ca_id");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("now", utc(now));
		for (int i = 0; i < horizons.size(); i++) {
			statement = statement.param("h" + i, utc(horizons.get(i)));
		}
		return statement.query((rs, row) -> {
			long[] counts = new long[horizons.size()];
			for (int i = 0; i < counts.length; i++) {
				counts[i] = rs.getLong("c" + i);
			}
			return new ExpiryRow(rs.getString("ca_id"), instant(rs, "soonest"), counts);
		}).list();
	}

	record ExpiryRow(String caId, Instant soonest, long[] counts) {
	}

	private static CaRecord ca(ResultSet rs, int row) throws SQLException {
		return new CaRecord(rs.getString("id"), rs.getString("name"), rs.getString("parent_id"),
				rs.getString("subject"), KeyAlgorithm.valueOf(rs.getString("key_algorithm")), rs.getString("engine_id"),
				CaStatus.valueOf(rs.getString("status")), rs.getString("certificate_pem"),
				rs.getString("private_key_ref"), instant(rs, "not_before"), instant(rs, "not_after"),
				instant(rs, "created_at"));
	}

	private static CertificateRecord certificate(ResultSet rs, int row) throws SQLException {
		return new CertificateRecord(rs.getString("serial"), rs.getString("ca_id"), rs.getString("subject"),
				rs.getString("subject_cn"), CertificateStatus.valueOf(rs.getString("status")),
				rs.getString("certificate_pem"), instant(rs, "not_before"), instant(rs, "not_after"),
				instant(rs, "issued_at"), RevocationReason.parse(rs.getString("revocation_reason")),
				nullableInstant(rs, "revoked_at"));
	}

}
