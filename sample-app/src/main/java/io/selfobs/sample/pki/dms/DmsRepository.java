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
				                 validity_days, reenroll_window_days, created_at, updated_at)
				values (:id, :name, :issuingCaId, :authMode, :bootstrapCaIds, :registrationMode, :validityDays,
				        :reenrollWindowDays, :createdAt, :updatedAt)""")
			.paramSource(params(dms))
			.update();
	}

	void update(Dms dms) {
		this.jdbc.sql("""
				update dms set name = :name, issuing_ca_id = :issuingCaId, auth_mode = :authMode,
				       bootstrap_ca_ids = :bootstrapCaIds, registration_mode = :registrationMode,
				       validity_days = :validityDays, reenroll_window_days = :reenrollWindowDays,
				       updated_at = :updatedAt
				where id = :id""")
			.paramSource(params(dms))
			.update();
	}

	int delete(String id) {
		return this.jdbc.sql("delete from dms where id = :id").param("id", id).update();
	}

	private static Map<String, Object> params(Dms dms) {
		return Map.of("id", dms.id(), "name", dms.name(), "issuingCaId", dms.issuingCaId(), "authMode",
				dms.authMode().name(), "bootstrapCaIds", String.join(",", dms.bootstrapCaIds()), "registrationMode",
				dms.registrationMode().name(), "validityDays", dms.validityDays(), "reenrollWindowDays",
				dms.reenrollWindowDays(), "createdAt", dms.createdAt().atOffset(ZoneOffset.UTC), "updatedAt",
				dms.updatedAt().atOffset(ZoneOffset.UTC));
	}

	private static Dms dms(ResultSet rs, int row) throws SQLException {
		String bootstrap = rs.getString("bootstrap_ca_ids");
		return new Dms(rs.getString("id"), rs.getString("name"), rs.getString("issuing_ca_id"),
				Dms.AuthMode.valueOf(rs.getString("auth_mode")),
				bootstrap.isEmpty() ? List.of() : Arrays.asList(bootstrap.split(",")),
				Dms.RegistrationMode.valueOf(rs.getString("registration_mode")), rs.getInt("validity_days"),
				rs.getInt("reenroll_window_days"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
