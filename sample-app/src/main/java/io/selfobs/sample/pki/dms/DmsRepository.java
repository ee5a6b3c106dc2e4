package io.selfobs.sample.pki.dms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DmsRepository {

	private final JdbcClient jdbc;

	DmsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Dms> findById(String id) {
		return this.jdbc.sql("select * from dms where id = :id").param("id", id).query(DmsRepository::dms).optional();
	}

	List<Dms> findAll() {
		return this.jdbc.sql("select * from dms order by id").query(DmsRepository::dms).list();
	}

	void insert(Dms dms) {
		this.jdbc.sql("""
				insert into dms (id, name, issuing_ca_id, auth_mode, bootstrap_ca_ids, registration_mode,
				                 validity_days, reenroll_window_days, reenroll_ca_ids, created_at, updated_at)
				values (:id, :name, :issuingCaId, :authMode, :bootstrapCaIds, :registrationMode, :validityDays,
				        :reenrollWindowDays, :reenrollCaIds, :createdAt, :updatedAt)""")
			.paramSource(params(dms))
			.update();
	}

	void update(Dms dms) {
		this.jdbc.sql("""
				update dms set name = :name, issuing_ca_id = :issuingCaId, auth_mode = :authMode,
				       bootstrap_ca_ids = :bootstrapCaIds, registration_mode = :registrationMode,
				       validity_days = :validityDays, reenroll_window_days = :reenrollWindowDays,
				       reenroll_ca_ids = :reenrollCaIds, updated_at = :updatedAt
				where id = :id""").paramSource(params(dms)).update();
	}

	int delete(String id) {
		int deleted = this.jdbc.sql("delete from dms where id = :id").param("id", id).update();
		this.jdbc.sql("delete from dms_certificate where dms_id = :id").param("id", id).update();
		return deleted;
	}

	private static Map<String, Object> params(Dms dms) {
		return Map.ofEntries(Map.entry("id", dms.id()), Map.entry("name", dms.name()),
				Map.entry("issuingCaId", dms.issuingCaId()), Map.entry("authMode", dms.authMode().name()),
				Map.entry("bootstrapCaIds", String.join(",", dms.bootstrapCaIds())),
				Map.entry("registrationMode", dms.registrationMode().name()),
				Map.entry("validityDays", dms.validityDays()),
				Map.entry("reenrollWindowDays", dms.reenrollWindowDays()),
				Map.entry("reenrollCaIds", String.join(",", dms.reenrollCaIds())),
				Map.entry("createdAt", dms.createdAt().atOffset(ZoneOffset.UTC)),
				Map.entry("updatedAt", dms.updatedAt().atOffset(ZoneOffset.UTC)));
	}

	private static List<String> ids(String joined) {
		return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}

	private static Dms dms(ResultSet rs, int row) throws SQLException {
		return new Dms(rs.getString("id"), rs.getString("name"), rs.getString("issuing_ca_id"),
				Dms.AuthMode.valueOf(rs.getString("auth_mode")), ids(rs.getString("bootstrap_ca_ids")),
				Dms.RegistrationMode.valueOf(rs.getString("registration_mode")), rs.getInt("validity_days"),
				rs.getInt("reenroll_window_days"), ids(rs.getString("reenroll_ca_ids")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
