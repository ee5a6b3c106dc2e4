package io.selfobs.sample.pki.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Devices. The stored status is {@code REGISTERED}, {@code ACTIVE} or {@code REVOKED};
 * {@code EXPIRING} and {@code EXPIRED} are derived from the certificate expiry when read.
 */
@Repository
class DeviceRepository {

	private static final String EFFECTIVE_STATUS = """
			case when status = 'ACTIVE' and certificate_not_after <= :now then 'EXPIRED'
			     when status = 'ACTIVE' and certificate_not_after <= :expiring then 'EXPIRING'
			     else status end""";

	private final JdbcClient jdbc;

	DeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	Optional<Device> find(String id, Instant now, Instant expiring) {
		return this.jdbc.sql("select d.*, " + EFFECTIVE_STATUS + " as effective_status from device d where id = :id")
			.param("id", id)
			.param("now", utc(now))
			.param("expiring", utc(expiring))
			.query(DeviceRepository::device)
			.optional();
	}

	List<Device> find(@Nullable String dmsId, @Nullable DeviceStatus status, Instant now, Instant expiring, int limit) {
		// Filters are appended only when set: PostgreSQL cannot type a bare "? is null"
		// parameter
		StringBuilder sql = new StringBuilder(
				"select * from (select d.*, " + EFFECTIVE_STATUS + " as effective_status from device d) x where 1 = 1");
		if (dmsId != null) {
			sql.append(" and dms_id = :dms");
		}
		if (status != null) {
			sql.append(" and effective_status = :status");
		}
		sql.append(" order by updated_at desc, id fetch first ").append(limit).append(" rows only");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("now", utc(now))
			.param("expiring", utc(expiring));
		if (dmsId != null) {
			statement = statement.param("dms", dmsId);
		}
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(DeviceRepository::device).list();
	}

	Map<DeviceStatus, Long> countByStatus(Instant now, Instant expiring) {
		return this.jdbc
			.sql("select effective_status, count(*) as n from (select " + EFFECTIVE_STATUS
					+ " as effective_status from device) x group by effective_status")
			.param("now", utc(now))
			.param("expiring", utc(expiring))
			.query((rs, row) -> Map.entry(DeviceStatus.valueOf(rs.getString("effective_status")), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	void insert(String id, String dmsId, DeviceStatus status, @Nullable String serial, @Nullable Instant notAfter,
			Instant now) {
		this.jdbc
			.sql("""
					insert into device (id, dms_id, status, certificate_serial, certificate_not_after, created_at, updated_at)
					values (:id, :dmsId, :status, :serial, :notAfter, :now, :now)""")
			.param("id", id)
			.param("dmsId", dmsId)
			.param("status", status.name())
			.param("serial", serial)
			.param("notAfter", utc(notAfter))
			.param("now", utc(now))
			.update();
	}

	void updateCertificate(String id, String serial, Instant notAfter, Instant now) {
		this.jdbc.sql("""
				update device set status = 'ACTIVE', certificate_serial = :serial, certificate_not_after = :notAfter,
				       updated_at = :now
				where id = :id""")
			.param("id", id)
			.param("serial", serial)
			.param("notAfter", utc(notAfter))
			.param("now", utc(now))
			.update();
	}

	void moveTo(String id, String dmsId, Instant now) {
		this.jdbc.sql("update device set dms_id = :dmsId, updated_at = :now where id = :id")
			.param("id", id)
			.param("dmsId", dmsId)
			.param("now", utc(now))
			.update();
	}

	void insertDmsCertificate(String serial, String dmsId, String deviceId, Instant issuedAt) {
		this.jdbc.sql("""
				insert into dms_certificate (serial, dms_id, device_id, issued_at)
				values (:serial, :dmsId, :deviceId, :issuedAt)""")
			.param("serial", serial)
			.param("dmsId", dmsId)
			.param("deviceId", deviceId)
			.param("issuedAt", utc(issuedAt))
			.update();
	}

	Optional<DmsCertificate> findDmsCertificate(String serial) {
		return this.jdbc.sql("select serial, dms_id, device_id from dms_certificate where serial = :serial")
			.param("serial", serial)
			.query((rs, row) -> new DmsCertificate(rs.getString("serial"), rs.getString("dms_id"),
					rs.getString("device_id")))
			.optional();
	}

	void rebindDmsCertificate(String serial, String dmsId) {
		this.jdbc.sql("update dms_certificate set dms_id = :dmsId where serial = :serial")
			.param("serial", serial)
			.param("dmsId", dmsId)
			.update();
	}

	int markRevoked(String serial, Instant now) {
		return this.jdbc
			.sql("update device set status = 'REVOKED', updated_at = :now where certificate_serial = :serial")
			.param("serial", serial)
			.param("now", utc(now))
			.update();
	}

	private static Device device(ResultSet rs, int row) throws SQLException {
		OffsetDateTime notAfter = rs.getObject("certificate_not_after", OffsetDateTime.class);
		return new Device(rs.getString("id"), rs.getString("dms_id"),
				DeviceStatus.valueOf(rs.getString("effective_status")), rs.getString("certificate_serial"),
				(notAfter != null) ? notAfter.toInstant() : null,
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
