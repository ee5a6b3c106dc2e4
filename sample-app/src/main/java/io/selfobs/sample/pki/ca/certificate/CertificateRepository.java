package io.selfobs.sample.pki.ca.certificate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.selfobs.sample.pki.ca.CaRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The certificates the CAs issued, and their revocations.
 */
@Repository
public class CertificateRepository {

	private final JdbcClient jdbc;

	CertificateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
			.param("notBefore", CaRepository.utc(certificate.notBefore()))
			.param("notAfter", CaRepository.utc(certificate.notAfter()))
			.param("issuedAt", CaRepository.utc(certificate.issuedAt()))
			.update();
	}

	Optional<CertificateRecord> findCertificate(String serial) {
		return this.jdbc.sql("select * from certificate where serial = :serial")
			.param("serial", serial)
			.query(CertificateRepository::certificate)
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
			params.add(CaRepository.utc(now));
		}
		else if (status == CertificateStatus.EXPIRED) {
			sql.append(" and status = 'ACTIVE' and not_after < ?");
			params.add(CaRepository.utc(now));
		}
		if (expiringBefore != null) {
			sql.append(" and not_after < ?");
			params.add(CaRepository.utc(expiringBefore));
		}
		sql.append(" order by issued_at desc, serial fetch first ").append(limit).append(" rows only");
		return this.jdbc.sql(sql.toString()).params(params).query(CertificateRepository::certificate).list();
	}

	boolean revoke(String serial, RevocationReason reason, Instant at) {
		return this.jdbc.sql("""
				update certificate set status = 'REVOKED', revocation_reason = :reason, revoked_at = :at
				where serial = :serial and status = 'ACTIVE'""")
			.param("reason", reason.rfcName())
			.param("at", CaRepository.utc(at))
			.param("serial", serial)
			.update() == 1;
	}

	List<CertificateRecord> findRevoked(String caId) {
		return this.jdbc.sql("select * from certificate where ca_id = :caId and status = 'REVOKED' order by revoked_at")
			.param("caId", caId)
			.query(CertificateRepository::certificate)
			.list();
	}

	/**
	 * Active, unexpired certificates of each CA expiring before each horizon, and the
	 * soonest expiry.
	 * @param now the current time
	 * @param horizons the horizons, ascending
	 * @return one row per CA that has active certificates
	 */
	public List<ExpiryRow> expirySummary(Instant now, List<Instant> horizons) {
		StringBuilder sql = new StringBuilder("select ca_id, min(not_after) as soonest");
		for (int i = 0; i < horizons.size(); i++) {
			sql.append(", sum(case when not_after <= :h").append(i).append(" then 1 else 0 end) as c").append(i);
		}
		sql.append(" from certificate where status = 'ACTIVE' and not_after > :now group by ca_id");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("now", CaRepository.utc(now));
		for (int i = 0; i < horizons.size(); i++) {
			statement = statement.param("h" + i, CaRepository.utc(horizons.get(i)));
		}
		return statement.query((rs, row) -> {
			long[] counts = new long[horizons.size()];
			for (int i = 0; i < counts.length; i++) {
				counts[i] = rs.getLong("c" + i);
			}
			return new ExpiryRow(rs.getString("ca_id"), CaRepository.instant(rs, "soonest"), counts);
		}).list();
	}

	public record ExpiryRow(String caId, Instant soonest, long[] counts) {
	}

	private static CertificateRecord certificate(ResultSet rs, int row) throws SQLException {
		return new CertificateRecord(rs.getString("serial"), rs.getString("ca_id"), rs.getString("subject"),
				rs.getString("subject_cn"), CertificateStatus.valueOf(rs.getString("status")),
				rs.getString("certificate_pem"), CaRepository.instant(rs, "not_before"),
				CaRepository.instant(rs, "not_after"), CaRepository.instant(rs, "issued_at"),
				RevocationReason.parse(rs.getString("revocation_reason")),
				CaRepository.nullableInstant(rs, "revoked_at"));
	}

}
